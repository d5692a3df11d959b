package org.neuromod.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What the service acknowledged to one session's client: every {@code act} and {@code feedback}
 * answer it returned with a success status, by trial number, and what the client sent.
 */
public final class Acknowledgements {

    private final Map<Integer, JsonNode> acts = new TreeMap<>();
    private final Map<Integer, JsonNode> feedbacks = new TreeMap<>();
    private final Map<Integer, String> feedbackBodies = new TreeMap<>();
    private final List<String> anomalies = new ArrayList<>();

    public synchronized void acted(int trial, JsonNode answer) {
        acts.put(trial, answer);
    }

    public synchronized void settled(int trial, String sentBody, JsonNode answer) {
        feedbacks.put(trial, answer);
        feedbackBodies.put(trial, sentBody);
    }

    /** Something the service answered that a correct service never would. */
    public synchronized void anomaly(String description) {
        anomalies.add(description);
    }

    public synchronized Map<Integer, JsonNode> acts() {
        return Map.copyOf(acts);
    }

    public synchronized Map<Integer, JsonNode> feedbacks() {
        return new TreeMap<>(feedbacks);
    }

    /** The feedback body the client sent for a trial, as acknowledged. */
    public synchronized String feedbackBody(int trial) {
        return feedbackBodies.get(trial);
    }

    public synchronized List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    public synchronized int settledCount() {
        return feedbacks.size();
    }
}
