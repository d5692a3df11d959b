package org.neuromod.core.experiment;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of an experiment, one result per agent in the experiment's order.
 *
 * @param steps decide-and-learn steps simulated (agents × seeds × trials)
 * @param elapsed wall-clock time of the simulation
 * @param threads worker threads used
 */
public record ExperimentResult(
        Experiment experiment, List<AgentResult> results, long steps, Duration elapsed, int threads) {

    public ExperimentResult {
        results = List.copyOf(results);
    }
}
