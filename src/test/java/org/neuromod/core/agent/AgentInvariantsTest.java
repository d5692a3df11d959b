package org.neuromod.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants every agent type in the {@link AgentCatalog} must keep, checked on seeded random
 * cases: random parameter values within the declared ranges, random numbers of arms (up to the
 * maximum), rewards that are ordinary, huge (±1e6) or constant, random stimulation, and shadow
 * trials where a subject chooses instead of the agent. Types added to the catalog are covered
 * without changing this test; simulation-only types get a fixed {@link EnvironmentTruth}.
 */
class AgentInvariantsTest {

    private static final int RANDOM_CASES_PER_TYPE = 6;
    private static final int TRIALS = 80;
    private static final int TRIALS_WITH_MAXIMUM_ARMS = 16;

    enum Rewards {
        ORDINARY,
        HUGE,
        CONSTANT
    }

    /** One seeded scenario: an agent setup and every input of its trials, fixed in advance. */
    record Case(
            AgentType type,
            Parameters parameters,
            int arms,
            long seed,
            Rewards rewards,
            double[] means,
            double[] noise,
            double[] stimulation,
            int[] subjectActions) {

        static Case random(AgentType type, int arms, int trials, long caseSeed, boolean defaults) {
            UniformRandomProvider random = RandomGenerators.seeded(caseSeed);
            Parameters parameters =
                    defaults ? type.resolve(Map.of()) : type.resolve(randomParameters(type.parameters(), random));
            Rewards rewards = Rewards.values()[random.nextInt(Rewards.values().length)];
            double[] means = new double[arms];
            for (int a = 0; a < arms; a++) {
                means[a] = random.nextDouble(-5, 5);
            }
            double[] noise = new double[trials];
            double[] stimulation = new double[trials];
            int[] subjectActions = new int[trials];
            for (int t = 0; t < trials; t++) {
                noise[t] = random.nextDouble(-2, 2);
                stimulation[t] = random.nextBoolean() ? 0 : random.nextDouble(0, 2);
                subjectActions[t] = random.nextInt(4) == 0 ? random.nextInt(arms) : -1;
            }
            return new Case(
                    type, parameters, arms, random.nextLong(), rewards, means, noise, stimulation, subjectActions);
        }

        int trials() {
            return noise.length;
        }

        double reward(int trial, int action) {
            return switch (rewards) {
                case ORDINARY -> means[action] + noise[trial];
                case HUGE -> noise[trial] >= 0 ? 1e6 : -1e6;
                case CONSTANT -> 3;
            };
        }

        EnvironmentTruth truth() {
            double[] deviations = new double[arms];
            Arrays.fill(deviations, 1);
            return new FixedTruth(means.clone(), deviations);
        }

        Agent create(long agentSeed) {
            return type.create(new AgentSetup(arms, parameters, agentSeed, truth()));
        }

        @Override
        public String toString() {
            return type.name() + " " + arms + " arms, " + rewards + " rewards, " + parameters.asMap();
        }
    }

    record FixedTruth(double[] means, double[] standardDeviations) implements EnvironmentTruth {}

    private static Map<String, Object> randomParameters(List<ParameterSpec> specs, UniformRandomProvider random) {
        var values = new LinkedHashMap<String, Object>();
        for (ParameterSpec spec : specs) {
            switch (spec) {
                case ParameterSpec.Numeric n -> values.put(n.name(), randomValue(n, random));
                case ParameterSpec.Choice c ->
                    values.put(
                            c.name(), c.choices().get(random.nextInt(c.choices().size())));
            }
        }
        return values;
    }

    /** The default, a bound, or a value spread uniformly or (for wide positive ranges) log-uniformly. */
    private static double randomValue(ParameterSpec.Numeric spec, UniformRandomProvider random) {
        double value = switch (random.nextInt(5)) {
            case 0 -> spec.defaultValue();
            case 1 -> spec.minimum();
            case 2 -> spec.maximum();
            case 3 -> spec.minimum() + random.nextDouble() * (spec.maximum() - spec.minimum());
            default ->
                spec.minimum() > 0
                        ? Math.exp(random.nextDouble(Math.log(spec.minimum()), Math.log(spec.maximum())))
                        : spec.minimum() + random.nextDouble() * (spec.maximum() - spec.minimum());
        };
        return spec.integer() ? Math.min(spec.maximum(), Math.max(spec.minimum(), Math.rint(value))) : value;
    }

    static Stream<Case> cases() {
        var cases = new ArrayList<Case>();
        int[] armCounts = {2, 3, 5, 10, 40};
        for (AgentType type : AgentCatalog.all()) {
            long typeSeed = type.name().hashCode();
            cases.add(Case.random(type, 5, TRIALS, typeSeed, true));
            for (int i = 0; i < RANDOM_CASES_PER_TYPE; i++) {
                cases.add(Case.random(type, armCounts[i % armCounts.length], TRIALS, typeSeed + 31L * (i + 1), false));
            }
            cases.add(Case.random(type, AgentSetup.MAX_ARMS, TRIALS_WITH_MAXIMUM_ARMS, typeSeed - 1, true));
            cases.add(Case.random(type, AgentSetup.MAX_ARMS, TRIALS_WITH_MAXIMUM_ARMS, typeSeed - 2, false));
        }
        return cases.stream();
    }

    static Stream<AgentType> types() {
        return AgentCatalog.all().stream();
    }

    /**
     * Runs trials {@code from..to-1} of a case, checking every per-trial invariant, and returns every
     * number the agent reported, one array per trial, for bit-exact comparison.
     */
    private static List<double[]> run(Agent agent, Case c, int from, int to, boolean[] nanByDesign) {
        var reported = new ArrayList<double[]>();
        for (int t = from; t < to; t++) {
            double stimulation = c.stimulation()[t];
            double[] policy = agent.policy(stimulation);
            checkDistribution(policy, c.arms());

            Decision decision = agent.decide(stimulation);
            assertThat(decision.probabilities())
                    .as("decide draws from policy()")
                    .containsExactly(policy);
            assertThat(decision.action()).isBetween(0, c.arms() - 1);
            assertThat(decision.actionProbability())
                    .as("a drawn action has positive probability")
                    .isPositive();
            checkSignals(decision.signals(), c.arms(), nanByDesign);

            int action = c.subjectActions()[t] >= 0 ? c.subjectActions()[t] : decision.action();
            double reward = c.reward(t, action);
            double probabilityBefore = agent.policy(stimulation)[action];
            Learning learning = agent.learn(action, reward, stimulation);
            assertThat(learning.action()).isEqualTo(action);
            assertThat(learning.reward()).isEqualTo(reward);
            assertThat(learning.predictionError()).isFinite();
            assertThat(learning.actionProbability()).isCloseTo(probabilityBefore, within(1e-12));
            checkSignals(learning.signals(), c.arms(), nanByDesign);

            reported.add(fingerprint(decision, learning));
        }
        return reported;
    }

    private static void checkDistribution(double[] probabilities, int arms) {
        assertThat(probabilities).hasSize(arms);
        double sum = 0;
        for (double p : probabilities) {
            assertThat(p).isFinite().isBetween(0.0, 1.0);
            sum += p;
        }
        assertThat(sum).isCloseTo(1, within(1e-9));
    }

    /**
     * Values are always finite; each other signal is either always NaN (the agent does not have
     * it) or always finite, as seen on the first signals of the run.
     */
    private static void checkSignals(Signals signals, int arms, boolean[] nanByDesign) {
        double[] scalars = {
            signals.learningRate(),
            signals.temperature(),
            signals.expectedUncertainty(),
            signals.unexpectedUncertainty()
        };
        String[] names = {"learningRate", "temperature", "expectedUncertainty", "unexpectedUncertainty"};
        for (int i = 0; i < scalars.length; i++) {
            if (nanByDesign[i]) {
                assertThat(scalars[i]).as(names[i] + " stays NaN").isNaN();
            } else {
                assertThat(scalars[i]).as(names[i] + " stays finite").isFinite();
            }
        }
        assertThat(signals.values()).hasSize(arms);
        for (double value : signals.values()) {
            assertThat(value).as("value").isFinite();
        }
    }

    private static boolean[] nanByDesign(Agent agent) {
        Signals first = agent.signals(0);
        return new boolean[] {
            Double.isNaN(first.learningRate()),
            Double.isNaN(first.temperature()),
            Double.isNaN(first.expectedUncertainty()),
            Double.isNaN(first.unexpectedUncertainty())
        };
    }

    private static double[] fingerprint(Decision decision, Learning learning) {
        var numbers = new ArrayList<Double>();
        numbers.add((double) decision.action());
        for (double p : decision.probabilities()) {
            numbers.add(p);
        }
        addSignals(numbers, decision.signals());
        numbers.add(learning.predictionError());
        numbers.add(learning.actionProbability());
        addSignals(numbers, learning.signals());
        return numbers.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void addSignals(List<Double> numbers, Signals signals) {
        numbers.add(signals.learningRate());
        numbers.add(signals.temperature());
        numbers.add(signals.expectedUncertainty());
        numbers.add(signals.unexpectedUncertainty());
        for (double value : signals.values()) {
            numbers.add(value);
        }
    }

    private static void assertSameTrajectory(List<double[]> actual, List<double[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int t = 0; t < expected.size(); t++) {
            // Arrays.equals compares bit patterns, so NaN signals match NaN.
            assertThat(Arrays.equals(actual.get(t), expected.get(t)))
                    .as("trial %d reports the same numbers", t)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void policiesAreDistributionsAndSignalsAreFiniteOrNaNByDesign(Case c) {
        Agent agent = c.create(c.seed());
        assertThat(agent.arms()).isEqualTo(c.arms());

        run(agent, c, 0, c.trials(), nanByDesign(agent));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theSameSeedGivesTheSameTrajectory(Case c) {
        Agent first = c.create(c.seed());
        Agent second = c.create(c.seed());

        assertSameTrajectory(
                run(second, c, 0, c.trials(), nanByDesign(second)), run(first, c, 0, c.trials(), nanByDesign(first)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aRestoredAgentContinuesExactlyAsTheOriginal(Case c) {
        Agent original = c.create(c.seed());
        boolean[] nanByDesign = nanByDesign(original);
        int half = c.trials() / 2;
        run(original, c, 0, half, nanByDesign);
        byte[] state = original.saveState();
        List<double[]> continued = run(original, c, half, c.trials(), nanByDesign);

        // A differently seeded agent that has already lived a little must take on the state entirely.
        Agent restored = c.create(c.seed() + 1);
        run(restored, c, 0, 3, nanByDesign);
        restored.restoreState(state);

        assertThat(restored.saveState()).as("state round trip").isEqualTo(state);
        assertSameTrajectory(run(restored, c, half, c.trials(), nanByDesign), continued);
        if (!c.type().simulationOnly()) {
            Agent fresh = c.type().restore(c.arms(), c.parameters(), state);
            assertSameTrajectory(run(fresh, c, half, c.trials(), nanByDesign), continued);
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void aStateFromAnotherTypeOrArmCountOrACorruptStateIsRejected(AgentType type) {
        Case c = Case.random(type, 4, 10, 99, true);
        Agent agent = c.create(1);
        run(agent, c, 0, c.trials(), nanByDesign(agent));
        byte[] state = agent.saveState();

        Case moreArms = Case.random(type, 5, 10, 99, true);
        assertThatIllegalArgumentException().isThrownBy(() -> moreArms.create(1).restoreState(state));
        for (AgentType other : AgentCatalog.all()) {
            if (!other.name().equals(type.name())) {
                Case otherCase = Case.random(other, 4, 10, 99, true);
                assertThatIllegalArgumentException()
                        .as("%s state into %s", type.name(), other.name())
                        .isThrownBy(() -> otherCase.create(1).restoreState(state));
            }
        }
        assertThatIllegalArgumentException()
                .as("truncated")
                .isThrownBy(() -> c.create(1).restoreState(Arrays.copyOf(state, state.length - 1)));
        assertThatIllegalArgumentException()
                .as("trailing bytes")
                .isThrownBy(() -> c.create(1).restoreState(Arrays.copyOf(state, state.length + 1)));
        assertThatIllegalArgumentException()
                .as("empty")
                .isThrownBy(() -> c.create(1).restoreState(new byte[0]));
    }

    @ParameterizedTest
    @MethodSource("types")
    void declaredParametersAreDocumentedAndValidatedPrecisely(AgentType type) {
        assertThat(type.name()).matches("[a-z]+(-[a-z]+)*");
        assertThat(type.description()).isNotBlank();
        assertThat(AgentCatalog.find(type.name())).containsSame(type);
        var names = new HashSet<String>();
        for (ParameterSpec spec : type.parameters()) {
            assertThat(names.add(spec.name())).as("unique name %s", spec.name()).isTrue();
            assertThat(spec.description()).as(spec.name()).isNotBlank();
        }
        assertThat(type.resolve(Map.of()).asMap()).hasSize(type.parameters().size());

        assertThat(problems(type, Map.of("noSuchParameter", 1)))
                .singleElement()
                .asString()
                .startsWith("unknown parameter 'noSuchParameter' for agent '" + type.name() + "'");
        for (ParameterSpec spec : type.parameters()) {
            switch (spec) {
                case ParameterSpec.Numeric n -> {
                    double above = n.maximum() + Math.max(1, Math.abs(n.maximum()));
                    assertThat(problems(type, Map.of(n.name(), above)))
                            .singleElement()
                            .asString()
                            .startsWith("'" + n.name() + "' must be within [");
                    assertThat(problems(type, Map.of(n.name(), Double.NaN)))
                            .containsExactly("'" + n.name() + "' must be finite, was NaN");
                    assertThat(problems(type, Map.of(n.name(), "1")))
                            .containsExactly("'" + n.name() + "' must be a number, was \"1\"");
                    if (n.integer() && n.maximum() - n.minimum() >= 1) {
                        assertThat(problems(type, Map.of(n.name(), n.minimum() + 0.5)))
                                .singleElement()
                                .asString()
                                .startsWith("'" + n.name() + "' must be a whole number");
                    }
                }
                case ParameterSpec.Choice choice ->
                    assertThat(problems(type, Map.of(choice.name(), "no-such-choice")))
                            .containsExactly("'" + choice.name() + "' must be one of " + choice.choices()
                                    + ", was \"no-such-choice\"");
            }
        }
    }

    private static List<String> problems(AgentType type, Map<String, ?> given) {
        try {
            type.resolve(given);
        } catch (InvalidParameters e) {
            return e.problems();
        }
        throw new AssertionError("expected InvalidParameters for " + given);
    }
}
