package org.neuromod.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TrialLogCheckTest {

    private static JsonNode json(String text) {
        return SessionApi.JSON.readTree(text);
    }

    private static JsonNode row(int trial, int action, double reward, double probability, double logLikelihood) {
        return json("{\"trial\":" + trial + ",\"action\":" + action + ",\"proposedAction\":" + action
                + ",\"open\":false,\"reward\":" + reward + ",\"predictionError\":0.5,\"actionProbability\":"
                + probability + ",\"logLikelihood\":" + logLikelihood + ",\"probabilities\":[" + probability + ","
                + (1 - probability) + "]}");
    }

    /** Three closed trials, all acknowledged, with their rows as a correct service stores them. */
    private static Acknowledgements acknowledgeThree(List<JsonNode> rows) {
        var acknowledged = new Acknowledgements();
        double sum = 0;
        for (int trial = 1; trial <= 3; trial++) {
            double probability = 0.25 * trial;
            sum += Math.log(probability);
            acknowledged.acted(
                    trial,
                    json("{\"trial\":" + trial + ",\"action\":0,\"probabilities\":[" + probability + ","
                            + (1 - probability) + "]}"));
            String body = "{\"trial\":" + trial + ",\"reward\":1.0}";
            acknowledged.settled(
                    trial,
                    body,
                    json("{\"trial\":" + trial + ",\"action\":0,\"reward\":1.0,\"predictionError\":0.5,"
                            + "\"actionProbability\":" + probability + ",\"logLikelihood\":" + sum + "}"));
            rows.add(row(trial, 0, 1.0, probability, sum));
        }
        return acknowledged;
    }

    @Test
    void aLogHoldingExactlyTheAcknowledgedTrialsIsClean() {
        var rows = new ArrayList<JsonNode>();
        var acknowledged = acknowledgeThree(rows);
        double sum = Math.log(0.25) + Math.log(0.5) + Math.log(0.75);

        var findings = TrialLogCheck.check("s", acknowledged, rows, 3, sum);

        assertThat(findings.problems()).isEmpty();
        assertThat(findings.clean()).isTrue();
    }

    @Test
    void aMissingAcknowledgedTrialIsLost() {
        var rows = new ArrayList<JsonNode>();
        var acknowledged = acknowledgeThree(rows);
        rows.remove(2);

        var findings = TrialLogCheck.check("s", acknowledged, rows, 2, Double.NaN);

        assertThat(findings.lost()).isEqualTo(2);
        assertThat(findings.problems()).anyMatch(problem -> problem.contains("trial 3 is missing"));
    }

    @Test
    void aStoredRewardThatDiffersFromTheAcknowledgedOneIsLost() {
        var rows = new ArrayList<JsonNode>();
        var acknowledged = acknowledgeThree(rows);
        rows.set(1, row(2, 0, 0.0, 0.5, Math.log(0.25) + Math.log(0.5)));

        var findings = TrialLogCheck.check("s", acknowledged, rows, 3, Double.NaN);

        assertThat(findings.lost()).isEqualTo(1);
        assertThat(findings.problems()).anyMatch(problem -> problem.contains("reward"));
    }

    @Test
    void aTrialStoredTwiceOrClosedWithoutAcknowledgementIsDuplicated() {
        var rows = new ArrayList<JsonNode>();
        var acknowledged = acknowledgeThree(rows);
        rows.add(rows.get(2));
        rows.add(row(4, 1, 0.0, 0.5, 0));

        var findings = TrialLogCheck.check("s", acknowledged, rows, 5, Double.NaN);

        assertThat(findings.duplicated()).isEqualTo(2);
        assertThat(findings.problems())
                .anyMatch(problem -> problem.contains("trial 3 stored twice"))
                .anyMatch(problem -> problem.contains("trial 4 is closed in the log, never acknowledged"));
    }

    @Test
    void aGapInTrialNumbersOrAWrongLogLikelihoodIsInconsistent() {
        var rows = new ArrayList<JsonNode>();
        var acknowledged = acknowledgeThree(rows);
        rows.set(2, row(4, 0, 1.0, 0.75, 0));

        var findings = TrialLogCheck.check("s", acknowledged, rows, 3, 42.0);

        assertThat(findings.problems())
                .anyMatch(problem -> problem.contains("jump from 2 to 4"))
                .anyMatch(problem -> problem.contains("reports log-likelihood 42.0"));
        assertThat(findings.lost()).isEqualTo(2);
    }
}
