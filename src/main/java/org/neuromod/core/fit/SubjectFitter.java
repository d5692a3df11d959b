package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * One subject's fit on the unbounded scale and its Laplace approximation (MacKay 2003,
 * "Information Theory, Inference, and Learning Algorithms", ch. 27; Daw 2011, "Trial-by-trial data
 * analysis using computational models", in Decision Making, Affect, and Learning, OUP).
 *
 * <pre>
 *   objective   f(z) = ln L(x(z)) + ln p(z)        (p flat for mle; the priors for map; the group prior in EM)
 *   ẑ           = argmax f over every start (MultiStartOptimizer)
 *   H           = −∇² f(ẑ)                         (NumericalHessian of ln L, plus the prior's curvature)
 *   Σ           = H⁻¹,  SE(z_i) = √Σ_ii,  SE(x_i) = |dx_i/dz_i|·√Σ_ii     (delta method)
 *   corr_ij     = Σ_ij / √(Σ_ii Σ_jj)
 *   AIC = 2d − 2 ln L(ẑ),  BIC = d ln n − 2 ln L(ẑ)                        (n: trials with a response)
 *   ln p(D)    ≈ ln L(ẑ) + ln p_e(ẑ) + (d/2) ln 2π − ½ ln det H_e          (Laplace)
 * </pre>
 *
 * where {@code p_e} is the prior of the evidence: the fit's own prior, or for {@code mle} (which
 * has none) the uniform prior over the bounds, {@code H_e = −∇²(ln L + ln p_e)} at {@code ẑ}.
 * {@code H} is factorised by Cholesky; when it is not positive definite (a flat or saddle
 * direction: a parameter not identified by the data) the standard errors, the correlations and the
 * log evidence are not reported.
 */
final class SubjectFitter {

    private SubjectFitter() {}

    static SubjectFit fit(
            ShadowLikelihood likelihood,
            UnboundedPrior prior,
            UnboundedPrior evidencePrior,
            List<double[]> starts,
            double initialRadius,
            FitMonitor monitor,
            Runnable afterStart) {
        Model model = likelihood.model();
        ToDoubleFunction<double[]> logLikelihood = z -> {
            monitor.checkCancelled();
            return likelihood.logLikelihood(model.toNatural(z));
        };
        ToDoubleFunction<double[]> objective = z -> logLikelihood.applyAsDouble(z) + prior.logDensity(z);
        var outcomes = MultiStartOptimizer.maximize(objective, starts, initialRadius, afterStart);
        MultiStartOptimizer.Outcome best = outcomes.getFirst();
        for (var outcome : outcomes) {
            if (outcome.value() > best.value()) {
                best = outcome;
            }
        }
        double[] z = best.optimum();
        double[] x = model.toNatural(z);
        double logL = likelihood.logLikelihood(x);
        var results = new ArrayList<StartResult>();
        for (var outcome : outcomes) {
            double[] optimum = model.toNatural(outcome.optimum());
            results.add(new StartResult(
                    named(model, model.toNatural(outcome.start())),
                    named(model, optimum),
                    likelihood.logLikelihood(optimum),
                    outcome.value(),
                    outcome.evaluations(),
                    outcome.converged()));
        }
        int d = z.length;
        int n = likelihood.subject().responses();
        double[][] covariance = null;
        double[][] correlation = null;
        Double logDeterminant = 0.0;
        if (d > 0) {
            double[][] likelihoodCurvature = negate(NumericalHessian.of(logLikelihood, z));
            RealMatrix h = MatrixUtils.createRealMatrix(
                    add(likelihoodCurvature, negate(NumericalHessian.of(prior::logDensity, z))));
            RealMatrix he = MatrixUtils.createRealMatrix(
                    add(likelihoodCurvature, negate(NumericalHessian.of(evidencePrior::logDensity, z))));
            covariance = finite(inverse(h));
            if (covariance != null) {
                correlation = new double[d][d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        correlation[i][j] = covariance[i][j] / Math.sqrt(covariance[i][i] * covariance[j][j]);
                    }
                }
            }
            logDeterminant = logDeterminant(he);
        }
        var estimates = new ArrayList<Estimate>();
        for (int i = 0; i < d; i++) {
            FreeParameter parameter = model.free().get(i);
            Double seZ = covariance != null ? Math.sqrt(covariance[i][i]) : null;
            Double seX = seZ != null ? Math.abs(parameter.derivative(z[i])) * seZ : null;
            estimates.add(new Estimate(parameter.name(), x[i], seX, z[i], seZ));
        }
        if (logDeterminant != null && !Double.isFinite(logDeterminant)) {
            logDeterminant = null;
        }
        Double logEvidence = logDeterminant == null
                ? null
                : logL + evidencePrior.logDensity(z) + 0.5 * d * Math.log(2 * Math.PI) - 0.5 * logDeterminant;
        return new SubjectFit(
                likelihood.subject().label(),
                likelihood.subject().trials().size(),
                n,
                estimates,
                correlation,
                covariance,
                logL,
                2 * d - 2 * logL,
                d * Math.log(n) - 2 * logL,
                logEvidence,
                results,
                z,
                x);
    }

    static Map<String, Double> named(Model model, double[] natural) {
        var named = new LinkedHashMap<String, Double>();
        for (int i = 0; i < natural.length; i++) {
            named.put(model.free().get(i).name(), natural[i]);
        }
        return named;
    }

    private static double[][] inverse(RealMatrix h) {
        try {
            return new CholeskyDecomposition(h, 1e-10, 1e-12)
                    .getSolver()
                    .getInverse()
                    .getData();
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            return null;
        }
    }

    /**
     * The matrix if every entry is finite and its diagonal positive, else null: a Hessian with a
     * non-finite entry (a prior's density far in its tail) gives no usable covariance.
     */
    private static double[][] finite(double[][] covariance) {
        if (covariance == null) {
            return null;
        }
        for (int i = 0; i < covariance.length; i++) {
            if (!(covariance[i][i] > 0)) {
                return null;
            }
            for (double entry : covariance[i]) {
                if (!Double.isFinite(entry)) {
                    return null;
                }
            }
        }
        return covariance;
    }

    private static Double logDeterminant(RealMatrix h) {
        try {
            RealMatrix l = new CholeskyDecomposition(h, 1e-10, 1e-12).getL();
            double sum = 0;
            for (int i = 0; i < l.getRowDimension(); i++) {
                sum += 2 * Math.log(l.getEntry(i, i));
            }
            return sum;
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            return null;
        }
    }

    private static double[][] negate(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = -m[i][j];
            }
        }
        return out;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }
}
