package org.neuromod.fit.web;

import java.util.ArrayList;
import java.util.List;
import org.neuromod.core.agent.Signals;
import org.neuromod.core.fit.TrialTrace;
import org.neuromod.fit.FitService;

/**
 * A subject's replay as CSV (RFC 4180): a header row, then one row per trial; {@code value_i} and
 * {@code probability_i} per arm; an empty cell is null (no response, a signal the agent lacks).
 */
final class TraceCsv {

    static final String MEDIA_TYPE = "text/csv";

    private TraceCsv() {}

    static String of(FitService.Trace trace) {
        var out = new StringBuilder();
        var columns = new ArrayList<>(List.of(
                "trial",
                "action",
                "reward",
                "noResponse",
                "stimulation",
                "actionProbability",
                "logLikelihood",
                "cumulativeLogLikelihood",
                "predictionError",
                "learningRate",
                "temperature",
                "expectedUncertainty",
                "unexpectedUncertainty"));
        for (int a = 0; a < trace.arms(); a++) {
            columns.add("value_" + a);
        }
        for (int a = 0; a < trace.arms(); a++) {
            columns.add("probability_" + a);
        }
        out.append(String.join(",", columns)).append("\r\n");
        for (TrialTrace t : trace.trials()) {
            Signals s = t.signals();
            var cells = new ArrayList<String>();
            cells.add(Integer.toString(t.trial()));
            cells.add(Integer.toString(t.action()));
            cells.add(number(t.reward()));
            cells.add(Boolean.toString(t.reward() == null));
            cells.add(number(t.stimulation()));
            cells.add(number(t.actionProbability()));
            cells.add(number(t.logLikelihood()));
            cells.add(number(t.cumulativeLogLikelihood()));
            cells.add(number(t.predictionError()));
            cells.add(number(s.learningRate()));
            cells.add(number(s.temperature()));
            cells.add(number(s.expectedUncertainty()));
            cells.add(number(s.unexpectedUncertainty()));
            for (double v : s.values()) {
                cells.add(number(v));
            }
            for (double p : t.probabilities()) {
                cells.add(number(p));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static String number(Double value) {
        return value == null || !Double.isFinite(value) ? "" : Double.toString(value);
    }
}
