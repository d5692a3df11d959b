package org.neuromod.fit.web;

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
            Double reward,
            double stimulation,
            double actionProbability,
            Double logLikelihood,
            double cumulativeLogLikelihood,
            Double predictionError,
            double[] probabilities,
            SignalsBody signals) {}

    record SignalsBody(
            Double learningRate,
            Double temperature,
            Double expectedUncertainty,
            Double unexpectedUncertainty,
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
