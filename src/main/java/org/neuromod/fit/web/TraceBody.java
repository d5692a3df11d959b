package org.neuromod.fit.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.neuromod.core.agent.Signals;
import org.neuromod.core.fit.TrialTrace;
import org.neuromod.fit.FitService;

/** A subject's replay at its estimates as JSON; a signal the agent does not have is null. */
record TraceBody(String model, String agent, String label, Map<String, Double> parameters, List<TrialBody> trials) {

    record TrialBody(
            int trial,
            int action,
            @Schema(nullable = true) Double reward,
            double stimulation,
            double actionProbability,
            @Schema(nullable = true) Double logLikelihood,
            double cumulativeLogLikelihood,
            @Schema(nullable = true) Double predictionError,
            double[] probabilities,
            SignalsBody signals) {}

    record SignalsBody(
            @Schema(nullable = true) Double learningRate,
            @Schema(nullable = true) Double temperature,
            @Schema(nullable = true) Double expectedUncertainty,
            @Schema(nullable = true) Double unexpectedUncertainty,
            double[] values) {}

    static TraceBody of(FitService.Trace trace) {
        return new TraceBody(
                trace.model(),
                trace.agent(),
                trace.label(),
                trace.parameters(),
                trace.trials().stream().map(TraceBody::trial).toList());
    }

    private static TrialBody trial(TrialTrace t) {
        Signals s = t.signals();
        return new TrialBody(
                t.trial(),
                t.action(),
                t.reward(),
                t.stimulation(),
                t.actionProbability(),
                t.logLikelihood(),
                t.cumulativeLogLikelihood(),
                t.predictionError(),
                t.probabilities(),
                new SignalsBody(
                        defined(s.learningRate()),
                        defined(s.temperature()),
                        defined(s.expectedUncertainty()),
                        defined(s.unexpectedUncertainty()),
                        s.values()));
    }

    static Double defined(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
