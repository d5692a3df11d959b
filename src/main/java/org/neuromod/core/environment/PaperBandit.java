package org.neuromod.core.environment;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.neuromod.core.agent.ParameterSpec;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.RandomGenerators;

/**
 * The non-stationary Gaussian bandit of the paper's experiment (Lee, Liebana Garcia, Clopath &amp;
 * Dabney 2024, arXiv 2408.08446, section 4; src/docs/algorithms.md#paper-bandit).
 *
 * <pre>
 *   context:  μ_a ~ Uniform(−5, 5),  σ_a ~ Uniform(0.001, 2)   for every arm a
 *   reward:   r ~ Normal(μ_a, σ_a²)
 *   at every block boundary: a new context with probability p, otherwise the old one continues
 * </pre>
 *
 * Defaults: 5 arms, 16 blocks of 500 trials, p = 0.4. Changes are never signalled to the agent.
 * Contexts and switch points come from one generator, reward noise from another: the realisation
 * is the same for every agent run with the same seed, and so is the noise sequence (one standard
 * normal draw per trial, scaled by the chosen arm's σ).
 */
public final class PaperBandit extends BlockEnvironment {

    public static final String NAME = "paper-bandit";

    public static final EnvironmentType TYPE = new EnvironmentType(
            NAME,
            "Gaussian arms redrawn (mu ~ U(-5,5), sigma ~ U(0.001,2)) at block boundaries with a fixed probability,"
                    + " unsignalled (the paper's experiment).",
            List.of(
                    ParameterSpec.Numeric.whole("arms", 5, 2, 1000, "Number of arms k."),
                    ParameterSpec.Numeric.whole("blocks", 16, 1, 1000, "Number of blocks in one run."),
                    ParameterSpec.Numeric.whole("blockLength", 500, 1, 100_000, "Trials per block."),
                    ParameterSpec.Numeric.real(
                            "switchProbability",
                            0.4,
                            0,
                            1,
                            "Probability that a block boundary brings a new context (all arms redrawn).")),
            PaperBandit::new);

    static final double MEAN_LOWER = -5;
    static final double MEAN_UPPER = 5;
    static final double DEVIATION_LOWER = 0.001;
    static final double DEVIATION_UPPER = 2;

    private final ZigguratSampler.NormalizedGaussian noise;

    public PaperBandit(EnvironmentSetup setup) {
        this(setup.parameters(), RandomGenerators.seeded(setup.seed()));
    }

    // Arguments are evaluated left to right: the noise seed is the context generator's first draw.
    private PaperBandit(Parameters parameters, UniformRandomProvider contexts) {
        this(parameters.whole("blockLength"), contexts.nextLong(), drawContexts(parameters, contexts));
    }

    private PaperBandit(int blockLength, long noiseSeed, Contexts contexts) {
        super(blockLength, contexts.means(), contexts.deviations());
        this.noise = ZigguratSampler.NormalizedGaussian.of(RandomGenerators.seeded(noiseSeed));
    }

    /** Every block's context: a block without a switch shares the previous block's arrays. */
    private static Contexts drawContexts(Parameters parameters, UniformRandomProvider random) {
        int arms = parameters.whole("arms");
        int blocks = parameters.whole("blocks");
        double switchProbability = parameters.number("switchProbability");
        var means = new double[blocks][];
        var deviations = new double[blocks][];
        for (int block = 0; block < blocks; block++) {
            if (block == 0 || random.nextDouble() < switchProbability) {
                means[block] = new double[arms];
                deviations[block] = new double[arms];
                for (int a = 0; a < arms; a++) {
                    means[block][a] = uniform(random, MEAN_LOWER, MEAN_UPPER);
                    deviations[block][a] = uniform(random, DEVIATION_LOWER, DEVIATION_UPPER);
                }
            } else {
                means[block] = means[block - 1];
                deviations[block] = deviations[block - 1];
            }
        }
        return new Contexts(means, deviations);
    }

    private static double uniform(UniformRandomProvider random, double lower, double upper) {
        return lower + (upper - lower) * random.nextDouble();
    }

    private record Contexts(double[][] means, double[][] deviations) {}

    @Override
    public double stimulation() {
        return 0;
    }

    @Override
    public double reward(int action) {
        return mean(action) + deviation(action) * noise.sample();
    }
}
