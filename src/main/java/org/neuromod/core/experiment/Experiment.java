package org.neuromod.core.experiment;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.environment.EnvironmentType;

/**
 * A simulation experiment (src/docs/algorithms.md#experiment-metrics): every agent runs once per
 * seed index on the environment.
 * Seed index {@code i} gives every agent the same environment realisation (and the same agent
 * seed), both derived from {@code seed} and {@code i}, so that agents are compared pairwise.
 *
 * @param seeds number of independent runs per agent
 * @param seed the experiment's seed, from which every run's seeds are derived
 */
public record Experiment(
        EnvironmentType environment,
        Parameters environmentParameters,
        List<ExperimentAgent> agents,
        int seeds,
        long seed) {

    /** Agent types the paper compares against; every agent is tested against each one present. */
    public static final Set<String> PAPER_BASELINES = Set.of("boltzmann", "discounted-ucb");

    public Experiment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(environmentParameters, "environmentParameters");
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one agent");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("an experiment needs at least one seed, was " + seeds);
        }
        Set<String> labels = new HashSet<>();
        for (ExperimentAgent agent : agents) {
            if (!labels.add(agent.label())) {
                throw new IllegalArgumentException("agent labels must be unique: '" + agent.label() + "' repeats");
            }
        }
    }

    /** The seed of the environment realisation at a seed index. */
    public long environmentSeed(int seedIndex) {
        return SeedSequence.derive(seed, seedIndex, SeedSequence.ENVIRONMENT);
    }

    /** The seed of every agent's generator at a seed index. */
    public long agentSeed(int seedIndex) {
        return SeedSequence.derive(seed, seedIndex, SeedSequence.AGENT);
    }
}
