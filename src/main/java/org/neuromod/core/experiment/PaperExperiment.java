package org.neuromod.core.experiment;

import java.util.List;
import java.util.Map;
import org.neuromod.core.environment.PaperBandit;

/**
 * The experiment that reproduces the paper's bandit results (Lee, Liebana Garcia, Clopath &amp;
 * Dabney 2024, arXiv 2408.08446, section 4; src/docs/algorithms.md#experiment-metrics): the
 * neuromodulated agent with both
 * estimators and both policy inputs, the two baselines at their defaults and the two oracles, on
 * the paper's bandit.
 */
public final class PaperExperiment {

    private PaperExperiment() {}

    /** The agents of the reproduction, each at its defaults except for the variant it names. */
    public static List<ExperimentAgent> agents() {
        return List.of(
                ExperimentAgent.of("neuromodulated", "neuromodulated", Map.of()),
                ExperimentAgent.of("neuromodulated-ensemble", "neuromodulated", Map.of("estimator", "ensemble")),
                ExperimentAgent.of("neuromodulated-raw", "neuromodulated", Map.of("policyInput", "raw")),
                ExperimentAgent.of("boltzmann", "boltzmann", Map.of()),
                ExperimentAgent.of("discounted-ucb", "discounted-ucb", Map.of()),
                ExperimentAgent.of("aleatoric-oracle", "aleatoric-oracle", Map.of()),
                ExperimentAgent.of("full-oracle", "full-oracle", Map.of()));
    }

    /** The reproduction on the paper's bandit at its defaults. */
    public static Experiment create(int seeds, long seed) {
        return create(agents(), seeds, seed, Map.of());
    }

    /** A reproduction with chosen agents and bandit parameters (for instance fewer blocks). */
    public static Experiment create(
            List<ExperimentAgent> agents, int seeds, long seed, Map<String, ?> environmentParameters) {
        return new Experiment(PaperBandit.TYPE, PaperBandit.TYPE.resolve(environmentParameters), agents, seeds, seed);
    }
}
