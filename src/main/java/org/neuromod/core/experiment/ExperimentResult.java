package org.neuromod.core.experiment;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of an experiment, one result per agent in the experiment's order.
 *
 * @param steps decide-and-learn steps simulated (agents × seeds × trials)
 * @param elapsed wall-clock time of the simulation
 * @param cpuTime CPU time the worker threads spent simulating, summed (unaffected by waiting for a
 *     processor on a busy machine)
 * @param threads worker threads used
 */
public record ExperimentResult(
        Experiment experiment, List<AgentResult> results, long steps, Duration elapsed, Duration cpuTime, int threads) {

    public ExperimentResult {
        results = List.copyOf(results);
    }

    /** The labels of the agents every other agent is compared with, in experiment order. */
    public List<String> baselineLabels() {
        return results.stream()
                .filter(result -> Experiment.PAPER_BASELINES.contains(
                        result.agent().type().name()))
                .map(AgentResult::label)
                .toList();
    }
}
