package org.neuromod.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuromod.core.experiment.AgentResult;
import org.neuromod.core.experiment.BaselineComparison;
import org.neuromod.core.experiment.Curve;
import org.neuromod.core.experiment.Estimate;
import org.neuromod.core.experiment.ExperimentResult;

/**
 * An experiment's results as JSON ({@code POST /experiments}, src/docs/api.md#experiments; also
 * {@code results.json}).
 * JSON numbers are finite: a quantity that is undefined (NaN, such as the learning rate of an
 * agent without one) is {@code null}.
 *
 * @param elapsedSeconds wall-clock time of the simulation
 * @param cpuSeconds CPU time the simulation's threads used, summed
 */
public record ExperimentReport(
        String environment,
        Map<String, Object> environmentParameters,
        int seeds,
        long seed,
        long steps,
        double elapsedSeconds,
        double cpuSeconds,
        int threads,
        List<AgentReport> results) {

    /**
     * The report of a result.
     *
     * @param withPerSeed whether to include every seed's values (large for many seeds)
     */
    public static ExperimentReport of(ExperimentResult result, boolean withPerSeed) {
        var experiment = result.experiment();
        return new ExperimentReport(
                experiment.environment().name(),
                experiment.environmentParameters().asMap(),
                experiment.seeds(),
                experiment.seed(),
                result.steps(),
                result.elapsed().toNanos() / 1e9,
                result.cpuTime().toNanos() / 1e9,
                result.threads(),
                result.results().stream()
                        .map(agent -> AgentReport.of(agent, withPerSeed))
                        .toList());
    }

    /** One agent's results; {@code perSeed} is present only in files. */
    public record AgentReport(
            String label,
            String agent,
            Map<String, Object> parameters,
            EstimateReport cumulativeRegret,
            EstimateReport finalBlockRegret,
            EstimateReport bestArmFraction,
            SwitchAlignedReport switchAligned,
            RegretCurveReport regretCurve,
            List<ComparisonReport> comparisons,
            @JsonInclude(JsonInclude.Include.NON_NULL) PerSeedReport perSeed) {

        static AgentReport of(AgentResult result, boolean withPerSeed) {
            var aligned = result.switchAligned();
            var perSeed = result.perSeed();
            return new AgentReport(
                    result.label(),
                    result.agent().type().name(),
                    result.agent().parameters().asMap(),
                    EstimateReport.of(result.cumulativeRegret()),
                    EstimateReport.of(result.finalBlockRegret()),
                    EstimateReport.of(result.bestArmFraction()),
                    new SwitchAlignedReport(
                            aligned.offsets(),
                            means(aligned.learningRate()),
                            standardErrors(aligned.learningRate()),
                            means(aligned.temperature()),
                            standardErrors(aligned.temperature()),
                            aligned.changes()),
                    new RegretCurveReport(
                            result.regretCurve().binStarts(),
                            means(result.regretCurve().regret()),
                            standardErrors(result.regretCurve().regret())),
                    result.comparisons().stream().map(ComparisonReport::of).toList(),
                    withPerSeed
                            ? new PerSeedReport(
                                    finite(perSeed.cumulativeRegret()),
                                    finite(perSeed.finalBlockRegret()),
                                    finite(perSeed.bestArmFraction()))
                            : null);
        }
    }

    /** A mean over seeds and its standard error. */
    public record EstimateReport(
            @Schema(nullable = true) Double mean,
            @Schema(nullable = true) Double standardError) {

        static EstimateReport of(Estimate estimate) {
            return new EstimateReport(finite(estimate.mean()), finite(estimate.standardError()));
        }
    }

    /**
     * α and T around context changes; a signal the agent does not have is null.
     *
     * @param changes the number of context changes averaged, over all seeds
     */
    public record SwitchAlignedReport(
            int[] offsets,

            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> learningRate,

            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> learningRateStandardError,

            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> temperature,

            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> temperatureStandardError,

            int changes) {}

    /** Mean expected regret per trial within bins starting at {@code binStarts}. */
    public record RegretCurveReport(
            int[] binStarts,

            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> mean,

            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> standardError) {}

    /** Final-block regret against a baseline: Welch's and the paired t-test (two-sided). */
    public record ComparisonReport(
            String baseline,
            @Schema(nullable = true) Double meanDifference,
            @Schema(nullable = true) Double welchT,
            @Schema(nullable = true) Double welchPValue,
            @Schema(nullable = true) Double pairedT,
            @Schema(nullable = true) Double pairedPValue) {

        static ComparisonReport of(BaselineComparison comparison) {
            return new ComparisonReport(
                    comparison.baseline(),
                    finite(comparison.meanDifference()),
                    finite(comparison.welchT()),
                    finite(comparison.welchPValue()),
                    finite(comparison.pairedT()),
                    finite(comparison.pairedPValue()));
        }
    }

    /** Every seed's values, by seed index. */
    public record PerSeedReport(
            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> cumulativeRegret,

            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> finalBlockRegret,

            @ArraySchema(
                    schema =
                            @Schema(
                                    types = {"number", "null"},
                                    format = "double"))
            List<Double> bestArmFraction) {}

    private static List<Double> means(Curve curve) {
        return curve.undefined() ? null : finite(curve.mean());
    }

    private static List<Double> standardErrors(Curve curve) {
        return curve.undefined() ? null : finite(curve.standardError());
    }

    static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    static List<Double> finite(double[] values) {
        var list = new ArrayList<Double>(values.length);
        for (double x : values) {
            list.add(finite(x));
        }
        return list;
    }
}
