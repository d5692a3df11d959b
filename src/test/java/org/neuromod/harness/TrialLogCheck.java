package org.neuromod.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Compares a session's stored trial log with what the service acknowledged to its client.
 *
 * <p>Lost: an acknowledged act or feedback whose trial is missing from the log or stored with a
 * different action, reward, probability or prediction error. Duplicated: a trial number stored
 * twice, or a closed trial in the log that the client never had acknowledged (applied without the
 * client's knowledge, e.g. a retry applied a second time). Inconsistent: trial numbers with gaps, a
 * log-likelihood that is not the sum over the stored trials, or a count that disagrees with the
 * log.
 */
public final class TrialLogCheck {

    private static final double TOLERANCE = 1e-9;

    private TrialLogCheck() {}

    /** The verdict for one session, with a line per problem found. */
    public record Findings(int lost, int duplicated, int inconsistent, List<String> problems) {

        public static Findings sum(List<Findings> all) {
            var problems = new ArrayList<String>();
            int lost = 0;
            int duplicated = 0;
            int inconsistent = 0;
            for (Findings findings : all) {
                lost += findings.lost;
                duplicated += findings.duplicated;
                inconsistent += findings.inconsistent;
                problems.addAll(findings.problems);
            }
            return new Findings(lost, duplicated, inconsistent, problems);
        }

        public boolean clean() {
            return lost == 0 && duplicated == 0 && inconsistent == 0;
        }
    }

    /**
     * Checks one session.
     *
     * @param session the session's id, for the report
     * @param acknowledged what its client was acknowledged
     * @param rows the session's trial log, in the order the service listed it
     * @param storedCount the session's trial count as the service reports it
     * @param storedLogLikelihood the session's log-likelihood as the service reports it, or NaN if
     *     the service does not report it outside feedback answers
     */
    public static Findings check(
            String session,
            Acknowledgements acknowledged,
            List<JsonNode> rows,
            long storedCount,
            double storedLogLikelihood) {
        var problems = new ArrayList<String>();
        int lost = 0;
        int duplicated = 0;
        int inconsistent = 0;
        var byTrial = new TreeMap<Integer, JsonNode>();
        for (JsonNode row : rows) {
            int trial = row.path("trial").asInt();
            if (byTrial.put(trial, row) != null) {
                duplicated++;
                problems.add(session + ": trial " + trial + " stored twice");
            }
        }
        int expected = 1;
        for (int trial : byTrial.keySet()) {
            if (trial != expected) {
                inconsistent++;
                problems.add(session + ": trial numbers jump from " + (expected - 1) + " to " + trial);
            }
            expected = trial + 1;
        }
        if (storedCount != rows.size()) {
            inconsistent++;
            problems.add(session + ": the session counts " + storedCount + " trials, its log lists " + rows.size());
        }
        for (Map.Entry<Integer, JsonNode> act : acknowledged.acts().entrySet()) {
            String difference = actDifference(act.getValue(), byTrial.get(act.getKey()));
            if (difference != null) {
                lost++;
                problems.add(session + ": acknowledged act of trial " + act.getKey() + " " + difference);
            }
        }
        Map<Integer, JsonNode> feedbacks = acknowledged.feedbacks();
        for (Map.Entry<Integer, JsonNode> feedback : feedbacks.entrySet()) {
            int trial = feedback.getKey();
            String difference = feedbackDifference(
                    feedback.getValue(),
                    SessionApi.JSON.readTree(acknowledged.feedbackBody(trial)),
                    byTrial.get(trial));
            if (difference != null) {
                lost++;
                problems.add(session + ": acknowledged feedback of trial " + trial + " " + difference);
            }
        }
        for (Map.Entry<Integer, JsonNode> row : byTrial.entrySet()) {
            if (!feedbacks.containsKey(row.getKey()) && isClosed(row.getValue())) {
                duplicated++;
                problems.add(session + ": trial " + row.getKey() + " is closed in the log, never acknowledged");
            }
        }
        double sum = 0;
        var runningSum = new TreeMap<Integer, Double>();
        for (Map.Entry<Integer, JsonNode> row : byTrial.entrySet()) {
            JsonNode probability = row.getValue().path("actionProbability");
            if (probability.isNumber()) {
                sum += Math.log(probability.asDouble());
            }
            runningSum.put(row.getKey(), sum);
        }
        for (Map.Entry<Integer, JsonNode> feedback : feedbacks.entrySet()) {
            Double stored = runningSum.get(feedback.getKey());
            double answered = feedback.getValue().path("logLikelihood").asDouble();
            if (stored != null && !close(answered, stored)) {
                inconsistent++;
                problems.add(session + ": feedback of trial " + feedback.getKey() + " answered log-likelihood "
                        + answered + " but the stored trials up to it sum to " + stored);
            }
        }
        if (!Double.isNaN(storedLogLikelihood) && !close(storedLogLikelihood, sum)) {
            inconsistent++;
            problems.add(session + ": the session reports log-likelihood " + storedLogLikelihood
                    + " but its trials sum to " + sum);
        }
        return new Findings(lost, duplicated, inconsistent, problems);
    }

    private static String actDifference(JsonNode act, JsonNode row) {
        if (row == null) {
            return "is missing from the log";
        }
        int proposed = act.path("action").asInt();
        JsonNode stored = row.hasNonNull("proposedAction") ? row.get("proposedAction") : row.path("action");
        if (stored.asInt() != proposed) {
            return "chose arm " + proposed + ", the log says " + stored.asInt();
        }
        JsonNode probabilities = act.path("probabilities");
        if (row.has("probabilities") && !row.get("probabilities").equals(probabilities)) {
            return "had probabilities " + probabilities + ", the log says " + row.get("probabilities");
        }
        return null;
    }

    private static String feedbackDifference(JsonNode answer, JsonNode sent, JsonNode row) {
        if (row == null) {
            return "is missing from the log";
        }
        for (String field : List.of("action", "reward", "predictionError", "actionProbability", "logLikelihood")) {
            if (!sameValue(answer.path(field), row.path(field))) {
                return "answered " + field + " " + answer.path(field) + ", the log says " + row.path(field);
            }
        }
        if (!sameValue(sent.path("reward"), row.path("reward"))) {
            return "sent reward " + sent.path("reward") + ", the log says " + row.path("reward");
        }
        if (sent.has("action")
                && sent.get("action").asInt() != row.path("action").asInt()) {
            return "named action " + sent.get("action") + ", the log says " + row.path("action");
        }
        return null;
    }

    private static boolean isClosed(JsonNode row) {
        return row.hasNonNull("reward")
                || row.hasNonNull("closedAt")
                || row.path("noResponse").asBoolean(false);
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.asDouble() == actual.asDouble();
        }
        boolean expectedAbsent = expected.isMissingNode() || expected.isNull();
        boolean actualAbsent = actual.isMissingNode() || actual.isNull();
        return expectedAbsent == actualAbsent && (expectedAbsent || expected.equals(actual));
    }

    private static boolean close(double expected, double actual) {
        return Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected));
    }
}
