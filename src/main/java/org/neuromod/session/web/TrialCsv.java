package org.neuromod.session.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuromod.core.agent.Signals;
import org.neuromod.session.Outcome;
import org.neuromod.session.Trial;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trial log as CSV (RFC 4180): a header row, then one row per trial. Every signal has its own
 * column: {@code value_0..value_k-1} for the value estimates and {@code probability_0..} for the
 * policy. Empty cells stand for null (open trial, no response, a signal the agent lacks). Metadata
 * columns hold the JSON object as one quoted cell.
 */
final class TrialCsv {

    static final String MEDIA_TYPE = "text/csv";

    private final JsonMapper json = JsonMapper.builder().build();
    private final int arms;

    TrialCsv(int arms) {
        this.arms = arms;
    }

    String header() {
        var columns = new ArrayList<>(List.of(
                "trial",
                "action",
                "proposedAction",
                "reward",
                "noResponse",
                "predictionError",
                "actionProbability",
                "logLikelihood",
                "stimulation",
                "learningRate",
                "temperature",
                "expectedUncertainty",
                "unexpectedUncertainty"));
        for (int arm = 0; arm < arms; arm++) {
            columns.add("value_" + arm);
        }
        for (int arm = 0; arm < arms; arm++) {
            columns.add("probability_" + arm);
        }
        columns.addAll(List.of("actMetadata", "feedbackMetadata", "actedAt", "closedAt"));
        return String.join(",", columns) + "\r\n";
    }

    String row(Trial trial) {
        Outcome outcome = trial.outcome();
        boolean closed = outcome != null;
        Signals signals = trial.signals();
        var cells = new ArrayList<String>();
        cells.add(Integer.toString(trial.number()));
        cells.add(Integer.toString(trial.action()));
        cells.add(text(trial.proposedAction()));
        cells.add(closed ? number(outcome.reward()) : "");
        cells.add(Boolean.toString(closed && outcome.noResponse()));
        cells.add(closed ? number(outcome.predictionError()) : "");
        cells.add(closed ? number(outcome.actionProbability()) : "");
        cells.add(closed ? number(outcome.logLikelihood()) : "");
        cells.add(number(trial.stimulation()));
        cells.add(number(signals.learningRate()));
        cells.add(number(signals.temperature()));
        cells.add(number(signals.expectedUncertainty()));
        cells.add(number(signals.unexpectedUncertainty()));
        for (double value : signals.values()) {
            cells.add(number(value));
        }
        for (double probability : trial.probabilities()) {
            cells.add(number(probability));
        }
        cells.add(quoted(trial.actMetadata().values()));
        cells.add(closed ? quoted(outcome.metadata().values()) : "");
        cells.add(trial.actedAt().toString());
        cells.add(closed ? outcome.closedAt().toString() : "");
        return String.join(",", cells) + "\r\n";
    }

    private String quoted(Map<String, Object> metadata) {
        return "\"" + json.writeValueAsString(metadata).replace("\"", "\"\"") + "\"";
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String number(Double value) {
        return value == null ? "" : number(value.doubleValue());
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }
}
