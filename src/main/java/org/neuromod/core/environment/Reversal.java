package org.neuromod.core.environment;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.neuromod.core.agent.ParameterSpec;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.RandomGenerators;

/**
 * The two-armed probabilistic reversal task the paper proposes for testing its prediction with
 * optogenetic noradrenaline stimulation (Lee, Liebana Garcia, Clopath &amp; Dabney 2024, arXiv
 * 2408.08446, section 5; src/docs/algorithms.md#reversal).
 *
 * <pre>
 *   block 0:  P(r = 1 | arm 0) = p_high,  P(r = 1 | arm 1) = p_low;  the arms swap every block
 *   truth:    μ_a = p_a,  σ_a = √(p_a (1 − p_a))
 *   stimulation s: ON from 75% of block n to 25% of block n + 1, straddling every reversal
 * </pre>
 *
 * Defaults: p = (0.6, 0.4), 8 blocks of 500 trials, s = 0. The stimulation is therefore off
 * during the first three quarters of block 0 and the last three quarters of the final block.
 * Every reversal is a context change; rewards are Bernoulli draws from one uniform number per
 * trial, common to every agent run with the same seed.
 */
public final class Reversal extends BlockEnvironment {

    public static final String NAME = "reversal";

    public static final EnvironmentType TYPE = new EnvironmentType(
            NAME,
            "Two Bernoulli arms whose reward probabilities swap every block, with optional stimulation"
                    + " straddling each reversal (the paper's proposed experiment).",
            List.of(
                    ParameterSpec.Numeric.whole("blocks", 8, 1, 1000, "Number of blocks (reversals + 1)."),
                    ParameterSpec.Numeric.whole("blockLength", 500, 1, 100_000, "Trials per block."),
                    ParameterSpec.Numeric.real("highProbability", 0.6, 0, 1, "Reward probability of the better arm."),
                    ParameterSpec.Numeric.real("lowProbability", 0.4, 0, 1, "Reward probability of the worse arm."),
                    ParameterSpec.Numeric.real(
                            "stimulation",
                            0,
                            0,
                            1e6,
                            "Stimulation level s added to the temperature from 75% of each block to 25% of the next.")),
            Reversal::new);

    private final UniformRandomProvider noise;
    private final double stimulationLevel;

    public Reversal(EnvironmentSetup setup) {
        super(setup.parameters().whole("blockLength"), means(setup.parameters()), deviations(setup.parameters()));
        this.noise = RandomGenerators.seeded(setup.seed());
        this.stimulationLevel = setup.parameters().number("stimulation");
    }

    @Override
    public double stimulation() {
        return stimulated(trial(), blockLength(), blocks()) ? stimulationLevel : 0;
    }

    @Override
    public double reward(int action) {
        return noise.nextDouble() < mean(action) ? 1 : 0;
    }

    /**
     * Whether stimulation is ON at a trial: in the last quarter of every block but the final one,
     * and in the first quarter of every block but the first.
     */
    static boolean stimulated(int trial, int blockLength, int blocks) {
        int block = trial / blockLength;
        int position = trial % blockLength;
        boolean beforeReversal = 4L * position >= 3L * blockLength && block < blocks - 1;
        boolean afterReversal = 4L * position < blockLength && block > 0;
        return beforeReversal || afterReversal;
    }

    private static double[][] means(Parameters parameters) {
        double high = parameters.number("highProbability");
        double low = parameters.number("lowProbability");
        return alternating(parameters.whole("blocks"), new double[] {high, low}, new double[] {low, high});
    }

    private static double[][] deviations(Parameters parameters) {
        double high = bernoulliDeviation(parameters.number("highProbability"));
        double low = bernoulliDeviation(parameters.number("lowProbability"));
        return alternating(parameters.whole("blocks"), new double[] {high, low}, new double[] {low, high});
    }

    private static double bernoulliDeviation(double p) {
        return Math.sqrt(p * (1 - p));
    }

    private static double[][] alternating(int blocks, double[] even, double[] odd) {
        var perBlock = new double[blocks][];
        for (int block = 0; block < blocks; block++) {
            perBlock[block] = block % 2 == 0 ? even : odd;
        }
        return perBlock;
    }
}
