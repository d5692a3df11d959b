package org.neuromod.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromod.session.Session;

/**
 * A property of every agent type in the {@link AgentCatalog}: for every input the service accepts,
 * over long runs, every probability, prediction error, signal and value stays finite (a signal the
 * agent does not define stays NaN) and every policy sums to 1. Inputs are drawn at the bounds the
 * service enforces: rewards of magnitude up to the default {@code neuromod.limits.max-abs-reward}
 * (1e6) and up to {@link Agent#MAX_ABS_REWARD}, the largest that setting may take; stimulation up
 * to {@link Session#MAX_STIMULATION}; every numeric parameter at its minimum, its maximum, its
 * default or in between, independently; the agent's own actions and a subject's (shadow mode).
 *
 * <p>Cases are drawn from seeded generators ({@link #SEED}, the case's index), so a failure names
 * a case that runs again the same way; {@code -Dneuromod.bounds.seed=<seed>} draws other cases.
 */
class AgentsAtTheBoundsTest {

    private static final long SEED = Long.getLong("neuromod.bounds.seed", 20_261_201L);
    private static final int TRIALS = 3_000;
    private static final int CASES_PER_TYPE_AND_BOUND = 2;
    /** The default of {@code neuromod.limits.max-abs-reward}. */
    private static final double DEFAULT_MAX_ABS_REWARD = 1e6;

    private static final double[] BOUNDS = {DEFAULT_MAX_ABS_REWARD, Agent.MAX_ABS_REWARD};
    /**
     * Up to 20 arms: a long run at many arms is slow for discounted-thompson, whose policy is a
     * quadrature over every contending arm; {@link AgentInvariantsTest} covers the most arms over
     * shorter runs.
     */
    private static final int[] ARMS = {2, 3, 7, 20};

    private static final double[] TINY_REWARDS = {Double.MIN_VALUE, 1e-300, 1e-12};

    /** How a case's rewards are drawn, each at or inside {@code ±bound}. */
    enum Rewards {
        /** +bound, −bound, +bound, ...: the largest possible prediction errors, every trial. */
        ALTERNATING_EXTREMES,
        /** ±bound with a random sign. */
        AT_THE_BOUND,
        /** One arm pays +bound and every other −bound; which arm changes every 500 trials. */
        ONE_ARM_PAYS,
        /** The smallest magnitudes: subnormal, 1e-300, 1e-12, with random signs. */
        TINY,
        ZERO,
        /** Uniform within [−bound, bound]. */
        INSIDE,
        /** Long quiet stretches of 0 (uncertainty decays to its floor), then a spike of ±bound. */
        QUIET_THEN_SPIKE,
        /** Each trial one of the above. */
        MIXED;

        double draw(int trial, int action, int arms, double bound, UniformRandomProvider random) {
            return switch (this) {
                case ALTERNATING_EXTREMES -> trial % 2 == 0 ? bound : -bound;
                case AT_THE_BOUND -> random.nextBoolean() ? bound : -bound;
                case ONE_ARM_PAYS -> action == (trial / 500) % arms ? bound : -bound;
                case TINY -> (random.nextBoolean() ? 1 : -1) * TINY_REWARDS[random.nextInt(TINY_REWARDS.length)];
                case ZERO -> 0;
                case INSIDE -> random.nextDouble(-bound, bound);
                case QUIET_THEN_SPIKE -> trial % 997 == 996 ? (random.nextBoolean() ? bound : -bound) : 0;
                case MIXED -> values()[random.nextInt(MIXED.ordinal())].draw(trial, action, arms, bound, random);
            };
        }
    }

    record Case(
            AgentType type,
            Parameters parameters,
            int arms,
            double bound,
            Rewards rewards,
            double shadowShare,
            long seed) {

        @Override
        public String toString() {
            return type.name() + ", " + arms + " arms, rewards " + rewards + " at ±" + bound + ", shadow share "
                    + shadowShare + ", seed " + seed + ", " + parameters.asMap();
        }
    }

    static Stream<Case> cases() {
        var cases = new ArrayList<Case>();
        UniformRandomProvider random = RandomGenerators.seeded(SEED);
        for (AgentType type : AgentCatalog.all()) {
            for (double bound : BOUNDS) {
                for (Rewards rewards : Rewards.values()) {
                    for (int i = 0; i < CASES_PER_TYPE_AND_BOUND; i++) {
                        cases.add(new Case(
                                type,
                                randomParameters(type, random),
                                ARMS[random.nextInt(ARMS.length)],
                                bound,
                                rewards,
                                new double[] {0, 0.3, 1}[random.nextInt(3)],
                                random.nextLong()));
                    }
                }
            }
        }
        return cases.stream();
    }

    /**
     * Every numeric parameter at its minimum, maximum, default or a value between, each drawn on
     * its own; choices at random. A combination the agent refuses as a whole (such as the ensemble
     * estimator with one member) is drawn again.
     */
    private static Parameters randomParameters(AgentType type, UniformRandomProvider random) {
        while (true) {
            var values = new LinkedHashMap<String, Object>();
            for (ParameterSpec spec : type.parameters()) {
                switch (spec) {
                    case ParameterSpec.Numeric n -> values.put(n.name(), randomValue(n, random));
                    case ParameterSpec.Choice c ->
                        values.put(
                                c.name(),
                                c.choices().get(random.nextInt(c.choices().size())));
                }
            }
            Parameters parameters = type.resolve(values);
            try {
                type.create(new AgentSetup(2, parameters, 0, truth(2, 1, random)));
                return parameters;
            } catch (InvalidParameters refusedTogether) {
                // another draw
            }
        }
    }

    private static double randomValue(ParameterSpec.Numeric spec, UniformRandomProvider random) {
        double value = switch (random.nextInt(5)) {
            case 0 -> spec.minimum();
            case 1 -> spec.maximum();
            case 2 -> spec.defaultValue();
            case 3 -> spec.minimum() + random.nextDouble() * (spec.maximum() - spec.minimum());
            default ->
                spec.minimum() > 0
                        ? Math.exp(random.nextDouble(Math.log(spec.minimum()), Math.log(spec.maximum())))
                        : spec.minimum() + random.nextDouble() * (spec.maximum() - spec.minimum());
        };
        return spec.integer() ? Math.min(spec.maximum(), Math.max(spec.minimum(), Math.rint(value))) : value;
    }

    /** A truth for the oracles, consistent with rewards of magnitude up to {@code bound}. */
    private static EnvironmentTruth truth(int arms, double bound, UniformRandomProvider random) {
        double[] means = new double[arms];
        double[] deviations = new double[arms];
        for (int a = 0; a < arms; a++) {
            means[a] = random.nextDouble(-bound, bound);
            deviations[a] = new double[] {1e-3, 1, bound}[random.nextInt(3)];
        }
        return new Truth(means, deviations);
    }

    record Truth(double[] means, double[] standardDeviations) implements EnvironmentTruth {}

    @ParameterizedTest
    @MethodSource("cases")
    void staysFiniteOverALongRun(Case c) {
        UniformRandomProvider random = RandomGenerators.seeded(c.seed());
        Agent agent =
                c.type().create(new AgentSetup(c.arms(), c.parameters(), c.seed(), truth(c.arms(), c.bound(), random)));
        boolean[] undefined = undefinedSignals(agent.signals(0));
        for (int trial = 0; trial < TRIALS; trial++) {
            double stimulation = stimulation(random);
            String at = "trial " + trial + " of " + c + " at stimulation " + stimulation;
            checkDistribution(agent.policy(stimulation), c.arms(), "policy, " + at);

            Decision decision = agent.decide(stimulation);
            checkDistribution(decision.probabilities(), c.arms(), "decision, " + at);
            checkSignals(decision.signals(), c.arms(), undefined, "decision signals, " + at);

            int action = random.nextDouble() < c.shadowShare() ? random.nextInt(c.arms()) : decision.action();
            double reward = c.rewards().draw(trial, action, c.arms(), c.bound(), random);
            assertThat(Math.abs(reward)).isLessThanOrEqualTo(c.bound());

            Learning learning = agent.learn(action, reward, stimulation);
            String learned = "learning from action " + action + ", reward " + reward + ", " + at;
            if (!Double.isFinite(learning.predictionError())) {
                fail("prediction error " + learning.predictionError() + ", " + learned);
            }
            double probability = learning.actionProbability();
            if (!(probability >= 0 && probability <= 1)) {
                fail("action probability " + probability + ", " + learned);
            }
            checkSignals(learning.signals(), c.arms(), undefined, "signals after " + learned);
        }
        Agent restored = c.type()
                .create(new AgentSetup(c.arms(), c.parameters(), c.seed() + 1, truth(c.arms(), c.bound(), random)));
        restored.restoreState(agent.saveState());
        checkDistribution(restored.policy(0), c.arms(), "policy restored after the run of " + c);
    }

    /** Mostly none, sometimes the largest the service accepts, sometimes in between. */
    private static double stimulation(UniformRandomProvider random) {
        return switch (random.nextInt(10)) {
            case 0 -> Session.MAX_STIMULATION;
            case 1, 2 -> random.nextDouble(0, Session.MAX_STIMULATION);
            case 3 -> random.nextDouble(0, 2);
            default -> 0;
        };
    }

    private static void checkDistribution(double[] probabilities, int arms, String what) {
        if (probabilities.length != arms) {
            fail(what + ": " + probabilities.length + " probabilities for " + arms + " arms");
        }
        double sum = 0;
        for (double p : probabilities) {
            if (!(p >= 0 && p <= 1)) {
                fail(what + ": probability " + p + " in " + Arrays.toString(probabilities));
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            fail(what + ": probabilities sum to " + sum);
        }
    }

    private static final List<String> SIGNALS =
            List.of("learningRate", "temperature", "expectedUncertainty", "unexpectedUncertainty");

    private static double[] scalars(Signals signals) {
        return new double[] {
            signals.learningRate(),
            signals.temperature(),
            signals.expectedUncertainty(),
            signals.unexpectedUncertainty()
        };
    }

    /** Which of the four scalar signals the agent does not define (NaN from the start). */
    private static boolean[] undefinedSignals(Signals first) {
        double[] scalars = scalars(first);
        boolean[] undefined = new boolean[scalars.length];
        for (int i = 0; i < scalars.length; i++) {
            undefined[i] = Double.isNaN(scalars[i]);
        }
        return undefined;
    }

    private static void checkSignals(Signals signals, int arms, boolean[] undefined, String what) {
        double[] scalars = scalars(signals);
        for (int i = 0; i < scalars.length; i++) {
            if (undefined[i] ? !Double.isNaN(scalars[i]) : !Double.isFinite(scalars[i])) {
                fail(what + ": " + SIGNALS.get(i) + " " + scalars[i]
                        + (undefined[i] ? ", not defined by this agent, is no longer NaN" : ""));
            }
        }
        if (signals.values().length != arms) {
            fail(what + ": " + signals.values().length + " values for " + arms + " arms");
        }
        for (double value : signals.values()) {
            if (!Double.isFinite(value)) {
                fail(what + ": value " + value + " in " + Arrays.toString(signals.values()));
            }
        }
    }
}
