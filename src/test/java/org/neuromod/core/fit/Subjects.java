package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.Map;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.RandomGenerators;
import org.neuromod.core.environment.Reversal;

/** Simulated and random subjects for the fitting tests. */
final class Subjects {

    private Subjects() {}

    /** A subject of {@code type} with the given parameters on a reversal task of 5 blocks of 100 trials. */
    static Subject reversal(AgentType type, Map<String, ?> parameters, double stimulation, long seed) {
        var environment = Reversal.TYPE.create(
                Reversal.TYPE.resolve(Map.of("blocks", 5, "blockLength", 100, "stimulation", stimulation)), seed);
        return Simulation.run("s" + seed, type, type.resolve(parameters), 0, environment, seed + 1, seed + 2, seed + 3);
    }

    /** Choices and rewards drawn at random, with some no-response trials and some stimulation. */
    static Subject random(int arms, int trials, long seed) {
        return random(arms, trials, seed, false);
    }

    /**
     * Random choices as {@link #random(int, int, long)}, but (if {@code triesEveryArmFirst}) the first
     * {@code arms} responses are every arm once, in a random order: while an arm is untried, the
     * neuromodulated agent gives the tried ones probability 0 (src/docs/algorithms.md#choice), so only such subjects have
     * a positive probability at every trial without a lapse.
     */
    static Subject random(int arms, int trials, long seed, boolean triesEveryArmFirst) {
        var random = RandomGenerators.seeded(seed);
        int[] order = PermutationSampler.natural(arms);
        PermutationSampler.shuffle(random, order);
        var list = new ArrayList<ChoiceTrial>();
        int responses = 0;
        for (int t = 0; t < trials; t++) {
            Double reward = t > arms && random.nextInt(20) == 0 ? null : random.nextDouble() * 4 - 2;
            double stimulation = t % 5 == 0 ? random.nextDouble() : 0;
            int action = triesEveryArmFirst && responses < arms ? order[responses] : random.nextInt(arms);
            responses += reward != null ? 1 : 0;
            list.add(new ChoiceTrial(action, reward, stimulation));
        }
        return new Subject("random" + seed, arms, list, seed);
    }
}
