package org.neuromod.fit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A finished fit.
 *
 * @param results one per subject and model (models in the request's order, then subjects)
 * @param groups per model, the group prior of a hierarchical fit; empty otherwise
 * @param comparison the model comparison when several models were fitted, else null
 */
public record FitReport(List<SubjectResult> results, List<GroupResult> groups, Comparison comparison) {

    /**
     * @param model the model's label
     * @param estimates per free parameter
     * @param correlation the estimates' correlation matrix by name, or null when the Hessian is not
     *     positive definite
     * @param logEvidence the Laplace log evidence, or null when the Hessian is not positive definite
     */
    public record SubjectResult(
            String model,
            String agent,
            String label,
            int trials,
            int responses,
            Map<String, EstimateResult> estimates,
            @Schema(nullable = true) Map<String, Map<String, Double>> correlation,
            double logLikelihood,
            double aic,
            double bic,
            @Schema(nullable = true) Double logEvidence,
            List<StartSummary> starts) {}

    /** See {@link org.neuromod.core.fit.Estimate}. */
    public record EstimateResult(
            double value,
            @Schema(nullable = true) Double standardError,
            double unbounded,
            @Schema(nullable = true) Double unboundedStandardError) {}

    public record StartSummary(
            Map<String, Double> start,
            Map<String, Double> estimate,
            double logLikelihood,
            double objective,
            int evaluations,
            boolean converged) {}

    /**
     * A hierarchical fit's group prior.
     *
     * @param parameters per free parameter: the group median {@code x(μ)} and {@code μ}, {@code σ}
     *     on the unbounded scale
     */
    public record GroupResult(
            String model,
            Map<String, GroupParameter> parameters,
            int iterations,
            boolean converged,
            @Schema(nullable = true) Double sumLogEvidence) {}

    public record GroupParameter(double median, double unboundedMean, double unboundedSpread, String transform) {}

    /**
     * @param criterion what the model selection used: {@code logEvidence}, or {@code bic} (as −BIC/2)
     *     when some subject's log evidence is undefined
     * @param subjects per subject, the BIC and log evidence of every model
     */
    public record Comparison(
            List<String> models,
            String criterion,
            List<SubjectComparison> subjects,
            Map<String, Double> frequencies,
            Map<String, Double> exceedance,
            Map<String, Double> protectedExceedance,
            double omnibusRisk) {}

    public record SubjectComparison(String label, Map<String, Double> bic, Map<String, Double> logEvidence) {}
}
