package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.rng.UniformRandomProvider;
import org.neuromod.core.agent.RandomGenerators;
import org.neuromod.core.environment.EnvironmentType;

/**
 * Parameter recovery and model confusion (Wilson &amp; Collins 2019, "Ten simple rules for the
 * computational modeling of behavioral data", eLife 8:e49547, rules 5 and 6): simulate subjects
 * with known parameters, fit them, and compare.
 *
 * <p>Subject {@code i} of a candidate draws each true parameter uniformly from its range (stream
 * {@link Seeds#TRUTH}), plays a fresh realisation of the environment (stream {@link
 * Seeds#ENVIRONMENT}) and is fitted with the candidate's model (its bounds, its fixed values). Per
 * parameter the report gives, over subjects,
 *
 * <pre>
 *   r    = Pearson correlation of estimate and truth
 *   bias = mean (estimate − truth)
 *   RMSE = √ mean (estimate − truth)²
 * </pre>
 *
 * With several candidates, every candidate's subjects are fitted by every candidate's model, and
 * the confusion matrix gives, per generating model (row), the fraction of its subjects best fitted
 * (lowest BIC) by each fitted model (column). With {@link Design#hierarchical()} each model is fitted
 * to each candidate's subjects by empirical-Bayes EM, and the BIC is that of the subjects' final
 * E-step fits.
 */
public final class ParameterRecovery {

    /** A true parameter's range: each subject's value is drawn uniformly from it. */
    public record Range(String name, double minimum, double maximum) {}

    /**
     * One candidate model.
     *
     * @param truths the ranges of the true values of the free parameters (the others take the
     *     model's fixed values or defaults)
     */
    public record Candidate(String label, Model model, List<Range> truths) {
        public Candidate {
            truths = List.copyOf(truths);
            var names = model.names();
            for (Range range : truths) {
                if (!names.contains(range.name())) {
                    throw new InvalidFit("candidate '" + label + "': true range given for '" + range.name()
                            + "', which is not a free parameter of its model " + names);
                }
                var parameter = model.free().get(names.indexOf(range.name()));
                if (!(range.minimum() <= range.maximum())
                        || range.minimum() < parameter.minimum()
                        || range.maximum() > parameter.maximum()) {
                    throw new InvalidFit("candidate '" + label + "': the true range of '" + range.name()
                            + "' must lie within its bounds");
                }
            }
            if (truths.size() != names.size()) {
                throw new InvalidFit("candidate '" + label + "': every free parameter needs a true range");
            }
        }
    }

    /**
     * Where the simulated subjects play and how they are fitted.
     *
     * @param hierarchical whether each model's fit of a candidate's subjects is hierarchical (EM
     *     over them, {@link HierarchicalFitter}) rather than one subject at a time
     */
    public record Design(
            EnvironmentType environment,
            Map<String, ?> environmentParameters,
            int subjects,
            Fitter.Settings settings,
            long seed,
            boolean hierarchical) {}

    /** How well one parameter was recovered. */
    public record ParameterReport(
            String name, double pearson, double bias, double rmse, double[] truth, double[] estimate) {}

    /** One candidate's recovery: its parameters, and its subjects' fits by its own model. */
    public record CandidateReport(
            String label, String agent, List<ParameterReport> parameters, List<SubjectFit> fits) {}

    /**
     * @param confusion {@code confusion[g][f]}: the fraction of candidate {@code g}'s subjects whose
     *     lowest BIC was candidate {@code f}'s model; empty with one candidate
     */
    public record Report(List<CandidateReport> candidates, double[][] confusion) {}

    static final int EM_ITERATIONS = 100;
    static final double EM_TOLERANCE = 1e-3;

    private ParameterRecovery() {}

    public static Report run(List<Candidate> candidates, Design design, FitMonitor monitor) {
        var parameters = design.environment().resolve(design.environmentParameters());
        int k = candidates.size();
        long total = (long) k * k * design.subjects() * design.settings().starts();
        long[] done = {0};
        Runnable step = () -> monitor.progress(++done[0], total);
        var reports = new ArrayList<CandidateReport>();
        double[][] confusion = k > 1 ? new double[k][k] : new double[0][0];
        for (int g = 0; g < k; g++) {
            Candidate generating = candidates.get(g);
            var subjects = new ArrayList<Subject>();
            var truths = new ArrayList<double[]>();
            for (int i = 0; i < design.subjects(); i++) {
                UniformRandomProvider truthStream =
                        RandomGenerators.seeded(Seeds.derive(design.seed() + g, i, Seeds.TRUTH));
                double[] truth = new double[generating.truths().size()];
                for (int p = 0; p < truth.length; p++) {
                    Range range = generating.truths().get(p);
                    truth[p] = range.minimum() + (range.maximum() - range.minimum()) * truthStream.nextDouble();
                }
                truths.add(truth);
                var environment =
                        design.environment().create(parameters, Seeds.derive(design.seed() + g, i, Seeds.ENVIRONMENT));
                double[] natural = ordered(generating, truth);
                subjects.add(Simulation.run(
                        generating.label() + "-" + (i + 1),
                        generating.model().type(),
                        generating.model().agentParameters(natural),
                        generating.model().lapse(natural),
                        environment,
                        truthStream.nextLong(),
                        truthStream.nextLong(),
                        Seeds.derive(design.seed() + g, i, Seeds.AGENT)));
            }
            var ownFits = new ArrayList<SubjectFit>();
            double[][] bic = new double[design.subjects()][k];
            for (int f = 0; f < k; f++) {
                Candidate fitted = candidates.get(f);
                List<SubjectFit> fits;
                if (design.hierarchical()) {
                    fits = HierarchicalFitter.fit(
                                    fitted.model(),
                                    subjects,
                                    new HierarchicalFitter.Settings(design.settings(), EM_ITERATIONS, EM_TOLERANCE),
                                    monitor)
                            .subjects();
                    for (int i = 0; i < subjects.size() * design.settings().starts(); i++) {
                        step.run();
                    }
                } else {
                    fits = new ArrayList<>();
                    for (int i = 0; i < subjects.size(); i++) {
                        fits.add(Fitter.fit(fitted.model(), subjects.get(i), i, design.settings(), monitor, step));
                    }
                }
                for (int i = 0; i < subjects.size(); i++) {
                    bic[i][f] = fits.get(i).bic();
                }
                if (f == g) {
                    ownFits.addAll(fits);
                }
            }
            if (k > 1) {
                for (int i = 0; i < subjects.size(); i++) {
                    int best = 0;
                    for (int f = 1; f < k; f++) {
                        if (bic[i][f] < bic[i][best]) {
                            best = f;
                        }
                    }
                    confusion[g][best] += 1.0 / subjects.size();
                }
            }
            reports.add(new CandidateReport(
                    generating.label(),
                    generating.model().type().name(),
                    summarise(generating, truths, ownFits),
                    ownFits));
        }
        return new Report(reports, confusion);
    }

    /** The true values in the model's order of free parameters. */
    private static double[] ordered(Candidate candidate, double[] truth) {
        var names = candidate.model().names();
        double[] natural = new double[names.size()];
        for (int p = 0; p < truth.length; p++) {
            natural[names.indexOf(candidate.truths().get(p).name())] = truth[p];
        }
        return natural;
    }

    private static List<ParameterReport> summarise(Candidate candidate, List<double[]> truths, List<SubjectFit> fits) {
        var reports = new ArrayList<ParameterReport>();
        for (int p = 0; p < candidate.truths().size(); p++) {
            String name = candidate.truths().get(p).name();
            double[] truth = new double[fits.size()];
            double[] estimate = new double[fits.size()];
            double bias = 0;
            double squared = 0;
            for (int i = 0; i < fits.size(); i++) {
                truth[i] = truths.get(i)[p];
                estimate[i] = fits.get(i).estimate(name).value();
                bias += estimate[i] - truth[i];
                squared += (estimate[i] - truth[i]) * (estimate[i] - truth[i]);
            }
            double r = fits.size() > 2 ? new PearsonsCorrelation().correlation(truth, estimate) : Double.NaN;
            reports.add(new ParameterReport(
                    name, r, bias / fits.size(), Math.sqrt(squared / fits.size()), truth, estimate));
        }
        return reports;
    }
}
