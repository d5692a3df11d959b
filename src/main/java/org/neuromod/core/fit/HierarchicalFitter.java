package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * A hierarchical fit by empirical Bayes: expectation-maximisation over subjects with an independent
 * Gaussian group prior {@code z_i ~ N(μ, diag σ²)} on the unbounded parameters (Huys et al. 2011,
 * "Disentangling the roles of approach, activation and valence in instrumental and Pavlovian
 * responding", PLoS Comput Biol 7:e1002028; as in mfit, Gershman, and pyEM):
 *
 * <pre>
 *   E-step:  for every subject i, ẑ_i = argmax ln L_i(z) + ln N(z; μ, σ²)   (MAP, from its last ẑ_i)
 *            Σ_i = H_i⁻¹, the Laplace covariance of its posterior
 *   M-step:  μ_j  = mean_i ẑ_ij
 *            σ²_j = mean_i (ẑ_ij² + Σ_i,jj) − μ_j²                           (floored at 1e-6)
 * </pre>
 *
 * The EM starts from {@code μ = 0}, {@code σ² = }{@value #INITIAL_VARIANCE} (broad on the logit
 * scale) with each subject's multi-start fit under that prior; later E-steps start each subject at
 * its previous estimate, with a small initial trust radius. It stops when no {@code μ_j} or {@code σ_j} moves by more than {@code
 * tolerance} on the unbounded scale, or after {@code maxIterations}. A subject whose Hessian is
 * not positive definite contributes {@code Σ_i,jj = σ²_j} (its prior variance), so an unidentified
 * subject neither shrinks nor widens the group.
 *
 * <p>The reported subjects are their E-step fits under the final prior (estimates, standard
 * errors, log evidence under the group prior); the group spreads are {@code σ_j} on the unbounded
 * scale, the group means {@code μ_j} and their natural values {@code x(μ_j)} (the group median of
 * the parameter, since the transforms are monotone).
 */
public final class HierarchicalFitter {

    static final double INITIAL_VARIANCE = 10;
    static final double MINIMUM_VARIANCE = 1e-6;

    /**
     * @param unboundedMeans {@code μ} per free parameter
     * @param unboundedSpreads {@code σ} per free parameter
     * @param naturalMeans {@code x(μ)} per free parameter
     * @param sumLogEvidence {@code Σ_i ln p(D_i | μ, σ²)} by Laplace at the final prior, or NaN if
     *     some subject's Hessian is not positive definite
     */
    public record Result(
            List<String> names,
            double[] unboundedMeans,
            double[] unboundedSpreads,
            double[] naturalMeans,
            int iterations,
            boolean converged,
            double sumLogEvidence,
            List<SubjectFit> subjects) {}

    /** The EM's own settings. */
    public record Settings(Fitter.Settings fit, int maxIterations, double tolerance) {}

    private HierarchicalFitter() {}

    /**
     * Progress counts one unit per start of every subject in the first E-step and one per subject
     * in each later one; its total assumes {@code maxIterations} and jumps to the end on
     * convergence.
     *
     * @throws FitCancelled if the monitor cancels
     */
    public static Result fit(Model model, List<Subject> subjects, Settings settings, FitMonitor monitor) {
        int d = model.dimension();
        int n = subjects.size();
        double[] mean = new double[d];
        double[] variance = new double[d];
        java.util.Arrays.fill(variance, INITIAL_VARIANCE);
        long total = (long) n * settings.fit().starts() + (long) n * (settings.maxIterations() - 1);
        long[] done = {0};
        Runnable step = () -> monitor.progress(++done[0], total);
        var likelihoods =
                subjects.stream().map(s -> new ShadowLikelihood(model, s)).toList();
        List<SubjectFit> fits = new ArrayList<>();
        int iteration = 0;
        boolean converged = false;
        while (iteration < settings.maxIterations() && !converged) {
            UnboundedPrior prior = UnboundedPrior.gaussian(mean.clone(), variance.clone());
            var next = new ArrayList<SubjectFit>(n);
            for (int i = 0; i < n; i++) {
                List<double[]> starts = iteration == 0
                        ? Fitter.starts(
                                model,
                                settings.fit().starts(),
                                Seeds.derive(settings.fit().seed(), i, Seeds.STARTS))
                        : List.of(fits.get(i).unboundedEstimates());
                Runnable afterStart = iteration == 0 ? step : () -> {};
                double radius = iteration == 0 ? MultiStartOptimizer.INITIAL_RADIUS : MultiStartOptimizer.WARM_RADIUS;
                next.add(SubjectFitter.fit(likelihoods.get(i), prior, prior, starts, radius, monitor, afterStart));
                if (iteration > 0) {
                    step.run();
                }
            }
            fits = next;
            double[] newMean = new double[d];
            double[] newVariance = new double[d];
            for (int j = 0; j < d; j++) {
                double sum = 0;
                double sumSquares = 0;
                for (SubjectFit fit : fits) {
                    double z = fit.unboundedEstimates()[j];
                    double posteriorVariance = fit.covariance() != null ? fit.covariance()[j][j] : variance[j];
                    sum += z;
                    sumSquares += z * z + posteriorVariance;
                }
                newMean[j] = sum / n;
                newVariance[j] = Math.max(MINIMUM_VARIANCE, sumSquares / n - newMean[j] * newMean[j]);
            }
            double change = 0;
            for (int j = 0; j < d; j++) {
                change = Math.max(change, Math.abs(newMean[j] - mean[j]));
                change = Math.max(change, Math.abs(Math.sqrt(newVariance[j]) - Math.sqrt(variance[j])));
            }
            mean = newMean;
            variance = newVariance;
            iteration++;
            converged = change <= settings.tolerance();
        }
        UnboundedPrior finalPrior = UnboundedPrior.gaussian(mean, variance);
        var finalFits = new ArrayList<SubjectFit>(n);
        for (int i = 0; i < n; i++) {
            finalFits.add(SubjectFitter.fit(
                    likelihoods.get(i),
                    finalPrior,
                    finalPrior,
                    List.of(fits.get(i).unboundedEstimates()),
                    MultiStartOptimizer.WARM_RADIUS,
                    monitor,
                    () -> {}));
        }
        monitor.progress(total, total);
        double[] spreads = new double[d];
        for (int j = 0; j < d; j++) {
            spreads[j] = Math.sqrt(variance[j]);
        }
        double evidence = 0;
        for (SubjectFit fit : finalFits) {
            evidence += fit.logEvidence() != null ? fit.logEvidence() : Double.NaN;
        }
        return new Result(
                model.names(), mean, spreads, model.toNatural(mean), iteration, converged, evidence, finalFits);
    }
}
