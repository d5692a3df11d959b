package org.neuromod.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuromod.core.fit.BayesianModelSelection;
import org.neuromod.core.fit.Estimate;
import org.neuromod.core.fit.FitMonitor;
import org.neuromod.core.fit.Fitter;
import org.neuromod.core.fit.HierarchicalFitter;
import org.neuromod.core.fit.InvalidFit;
import org.neuromod.core.fit.Method;
import org.neuromod.core.fit.Model;
import org.neuromod.core.fit.Subject;
import org.neuromod.core.fit.SubjectFit;
import org.neuromod.job.JobContext;
import org.neuromod.job.JobFailed;
import org.neuromod.job.JobKind;
import org.springframework.stereotype.Component;

/**
 * The {@code fit} job kind: fits every model of a request to every subject on the job thread,
 * separately (multi-start MLE or MAP) or hierarchically (empirical-Bayes EM), then, with several
 * models, compares them by random-effects Bayesian model selection over the subjects' log
 * evidence.
 */
@Component
public class FitJob implements JobKind<FitRequest, FitReport> {

    static final String NAME = "fit";

    /** The EM stops when no group mean or spread moves more than this on the unbounded scale. */
    static final double EM_TOLERANCE = 1e-3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<FitRequest> requestType() {
        return FitRequest.class;
    }

    @Override
    public Class<FitReport> resultType() {
        return FitReport.class;
    }

    @Override
    public FitReport run(FitRequest request, JobContext context) {
        try {
            return fit(request, monitor(context));
        } catch (InvalidFit invalid) {
            throw new JobFailed(invalid.getMessage());
        }
    }

    private static FitMonitor monitor(JobContext context) {
        return new FitMonitor() {
            @Override
            public void progress(long done, long total) {
                context.progress(done, total);
            }

            @Override
            public boolean cancelled() {
                return context.cancelled();
            }
        };
    }

    /** Runs the whole fit on the calling thread. */
    static FitReport fit(FitRequest request, FitMonitor monitor) {
        Method method = "map".equals(request.method()) ? Method.MAP : Method.MLE;
        var settings = new Fitter.Settings(method, request.starts(), request.seed());
        List<Subject> subjects = FitModels.subjects(request);
        int n = subjects.size();
        long perModel = request.hierarchical()
                ? (long) n * request.starts() + (long) n * (request.maxIterations() - 1)
                : (long) n * request.starts();
        long total = perModel * request.models().size();
        var results = new ArrayList<FitReport.SubjectResult>();
        var groups = new ArrayList<FitReport.GroupResult>();
        var fitsByModel = new ArrayList<List<SubjectFit>>();
        for (int m = 0; m < request.models().size(); m++) {
            FitRequest.ModelSpec spec = request.models().get(m);
            Model model = FitModels.model(spec, !request.hierarchical() && method == Method.MAP);
            long offset = perModel * m;
            FitMonitor shifted = new FitMonitor() {
                @Override
                public void progress(long done, long modelTotal) {
                    monitor.progress(offset + Math.min(done, perModel), total);
                }

                @Override
                public boolean cancelled() {
                    return monitor.cancelled();
                }
            };
            List<SubjectFit> fits;
            if (request.hierarchical()) {
                var hierarchical = HierarchicalFitter.fit(
                        model,
                        subjects,
                        new HierarchicalFitter.Settings(settings, request.maxIterations(), EM_TOLERANCE),
                        shifted);
                fits = hierarchical.subjects();
                groups.add(group(spec.label(), model, hierarchical));
            } else {
                fits = Fitter.fit(model, subjects, settings, shifted);
            }
            fitsByModel.add(fits);
            for (SubjectFit fit : fits) {
                results.add(result(spec, model, fit));
            }
        }
        monitor.progress(total, total);
        FitReport.Comparison comparison =
                request.models().size() > 1 ? compare(request, fitsByModel, request.seed()) : null;
        return new FitReport(results, groups, comparison);
    }

    private static FitReport.SubjectResult result(FitRequest.ModelSpec spec, Model model, SubjectFit fit) {
        var estimates = new LinkedHashMap<String, FitReport.EstimateResult>();
        for (Estimate e : fit.estimates()) {
            estimates.put(
                    e.name(),
                    new FitReport.EstimateResult(
                            e.value(), e.standardError(), e.unbounded(), e.unboundedStandardError()));
        }
        Map<String, Map<String, Double>> correlation = null;
        if (fit.correlation() != null) {
            correlation = new LinkedHashMap<>();
            var names = model.names();
            for (int i = 0; i < names.size(); i++) {
                var row = new LinkedHashMap<String, Double>();
                for (int j = 0; j < names.size(); j++) {
                    row.put(names.get(j), fit.correlation()[i][j]);
                }
                correlation.put(names.get(i), row);
            }
        }
        var starts = fit.starts().stream()
                .map(s -> new FitReport.StartSummary(
                        s.start(), s.estimate(), s.logLikelihood(), s.objective(), s.evaluations(), s.converged()))
                .toList();
        return new FitReport.SubjectResult(
                spec.label(),
                spec.agent(),
                fit.label(),
                fit.trials(),
                fit.responses(),
                estimates,
                correlation,
                fit.logLikelihood(),
                fit.aic(),
                fit.bic(),
                fit.logEvidence(),
                starts);
    }

    private static FitReport.GroupResult group(String label, Model model, HierarchicalFitter.Result result) {
        var parameters = new LinkedHashMap<String, FitReport.GroupParameter>();
        for (int j = 0; j < result.names().size(); j++) {
            parameters.put(
                    result.names().get(j),
                    new FitReport.GroupParameter(
                            result.naturalMeans()[j],
                            result.unboundedMeans()[j],
                            result.unboundedSpreads()[j],
                            model.free().get(j).transform().name().toLowerCase().replace('_', '-')));
        }
        Double evidence = Double.isFinite(result.sumLogEvidence()) ? result.sumLogEvidence() : null;
        return new FitReport.GroupResult(label, parameters, result.iterations(), result.converged(), evidence);
    }

    private static FitReport.Comparison compare(FitRequest request, List<List<SubjectFit>> fitsByModel, long seed) {
        int k = fitsByModel.size();
        int n = fitsByModel.getFirst().size();
        var labels = request.models().stream().map(FitRequest.ModelSpec::label).toList();
        boolean evidenceDefined = fitsByModel.stream()
                .flatMap(List::stream)
                .allMatch(f -> f.logEvidence() != null && Double.isFinite(f.logEvidence()));
        double[][] evidence = new double[n][k];
        var subjects = new ArrayList<FitReport.SubjectComparison>();
        for (int i = 0; i < n; i++) {
            var bic = new LinkedHashMap<String, Double>();
            var logEvidence = new LinkedHashMap<String, Double>();
            for (int m = 0; m < k; m++) {
                SubjectFit fit = fitsByModel.get(m).get(i);
                bic.put(labels.get(m), fit.bic());
                logEvidence.put(labels.get(m), fit.logEvidence());
                evidence[i][m] = evidenceDefined ? fit.logEvidence() : -fit.bic() / 2;
            }
            subjects.add(new FitReport.SubjectComparison(
                    fitsByModel.getFirst().get(i).label(), bic, logEvidence));
        }
        var bms = BayesianModelSelection.compare(evidence, seed);
        return new FitReport.Comparison(
                labels,
                evidenceDefined ? "logEvidence" : "bic",
                subjects,
                named(labels, bms.frequencies()),
                named(labels, bms.exceedance()),
                named(labels, bms.protectedExceedance()),
                bms.omnibusRisk());
    }

    private static Map<String, Double> named(List<String> labels, double[] values) {
        var named = new LinkedHashMap<String, Double>();
        for (int m = 0; m < labels.size(); m++) {
            named.put(labels.get(m), values[m]);
        }
        return named;
    }
}
