package org.neuromod.core.experiment;

import java.util.List;

/**
 * Everything measured for one agent of an experiment, over seeds
 * (src/docs/algorithms.md#experiment-metrics).
 *
 * @param cumulativeRegret expected regret summed over the whole run
 * @param finalBlockRegret expected regret per trial in the final block
 * @param bestArmFraction the fraction of trials on which a best arm was chosen
 * @param comparisons final-block regret against every paper baseline in the experiment but itself
 * @param perSeed the three quantities above for every seed index, for paired analyses
 */
public record AgentResult(
        ExperimentAgent agent,
        Estimate cumulativeRegret,
        Estimate finalBlockRegret,
        Estimate bestArmFraction,
        SwitchAligned switchAligned,
        RegretCurve regretCurve,
        List<BaselineComparison> comparisons,
        PerSeed perSeed) {

    public AgentResult {
        comparisons = List.copyOf(comparisons);
    }

    /** The label of the agent. */
    public String label() {
        return agent.label();
    }

    /** Per-seed values, indexed by seed index. */
    public record PerSeed(double[] cumulativeRegret, double[] finalBlockRegret, double[] bestArmFraction) {}
}
