package org.neuromod.core.agent.neuromodulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.EnvironmentTruth;
import org.neuromod.core.agent.InvalidParameters;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.RandomGenerators;
import org.neuromod.core.agent.Signals;

class NeuromodulatedAgentTest {

    private static final double TOLERANCE = 1e-12;

    /** The truth of a fixed Gaussian bandit, for the oracles. */
    private record Truth(double[] means, double[] standardDeviations) implements EnvironmentTruth {}

    private static final Truth FIVE_ARMS =
            new Truth(new double[] {-2, 1, 0.5, 3, -1}, new double[] {0.5, 1, 1.5, 0.2, 2});

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of()),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of("policyInput", "raw")),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of("estimator", "ensemble")),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of("estimator", "ensemble", "policyInput", "raw")),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of("maskProbability", 0.3, "learningRateFloor", 0.05)),
                Arguments.of(AleatoricOracle.TYPE, Map.of()),
                Arguments.of(FullOracle.TYPE, Map.of()));
    }

    private static Agent create(AgentType type, Map<String, ?> given, long seed) {
        return type.create(new AgentSetup(5, type.resolve(given), seed, type.simulationOnly() ? FIVE_ARMS : null));
    }

    @Test
    void untriedArmsAreDrawnUniformlyAndReportProbabilityOneOverTheirNumber() {
        var agent = create(NeuromodulatedAgent.TYPE, Map.of(), 1);

        var first = agent.decide(0);
        assertThat(first.probabilities()).containsExactly(0.2, 0.2, 0.2, 0.2, 0.2);
        assertThat(first.actionProbability()).isEqualTo(0.2);

        // A subject picks an arm the agent did not: it still scores 1/u, never 0.
        int subject = (first.action() + 2) % 5;
        assertThat(agent.learn(subject, 1.0, 0).actionProbability()).isEqualTo(1.0 / 5);
        var second = agent.decide(0);
        assertThat(second.probabilities()[subject]).isZero();
        assertThat(second.actionProbability()).isEqualTo(1.0 / 4);
        assertThat(second.action()).isNotEqualTo(subject);

        agent.learn(second.action(), 1.0, 0);
        int u = 3;
        while (u > 0) {
            double[] policy = agent.policy(0);
            int untried = 0;
            while (policy[untried] == 0) {
                untried++;
            }
            for (double p : policy) {
                assertThat(p).isIn(0.0, 1.0 / u);
            }
            assertThat(agent.learn(untried, 1.0, 0).actionProbability()).isEqualTo(1.0 / u);
            u--;
        }
        for (double p : agent.decide(0).probabilities()) {
            assertThat(p).isStrictlyBetween(0.0, 1.0);
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyUntriedArmIsDrawnWithEqualFrequency(AgentType type, Map<String, ?> given) {
        int[] counts = new int[5];
        int draws = 5000;
        for (int seed = 0; seed < draws; seed++) {
            counts[create(type, given, seed).decide(0).action()]++;
        }
        for (int count : counts) {
            // Binomial(5000, 0.2): mean 1000, standard deviation about 28; six deviations either side.
            assertThat(count).isBetween(830, 1170);
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aSubjectsChoiceOfAnyUntriedArmScoresTheLogOfOneOverTheirNumber(AgentType type, Map<String, ?> given) {
        var agent = create(type, given, 9);
        int[] order = {3, 1, 4, 0, 2};
        double logLikelihood = 0;
        for (int t = 0; t < order.length; t++) {
            logLikelihood += Math.log(agent.learn(order[t], 0.5, 0).actionProbability());
        }
        assertThat(logLikelihood).isCloseTo(Math.log(1.0 / 120), within(TOLERANCE));
    }

    @Test
    void stimulationAddsToTheTemperatureAndFlattensThePolicy() {
        var agent = triedAgent(create(NeuromodulatedAgent.TYPE, Map.of("policyInput", "raw"), 2));
        var calm = agent.signals(0);

        var stimulated = agent.signals(0.75);

        assertThat(stimulated.temperature()).isCloseTo(calm.temperature() + 0.75, within(TOLERANCE));
        assertThat(stimulated.learningRate()).isEqualTo(calm.learningRate());
        assertThat(max(agent.policy(0.75))).isLessThan(max(agent.policy(0)));
        assertThat(agent.decide(0.75).signals().temperature()).isEqualTo(stimulated.temperature());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void stimulationGainMultipliesTheStimulationInTheTemperature(AgentType type, Map<String, ?> given) {
        var withGain = new java.util.HashMap<String, Object>(given);
        withGain.put("stimulationGain", 3.0);
        var gained = triedAgent(create(type, withGain, 2));
        var plain = triedAgent(create(type, given, 2));
        withGain.put("stimulationGain", 0.0);
        var ineffective = triedAgent(create(type, withGain, 2));

        assertThat(type.resolve(given).number("stimulationGain")).isEqualTo(1.0);
        assertThat(gained.signals(0.25).temperature())
                .isCloseTo(plain.signals(0).temperature() + 3 * 0.25, within(TOLERANCE));
        assertThat(plain.signals(0.25).temperature())
                .isCloseTo(plain.signals(0).temperature() + 0.25, within(TOLERANCE));
        assertThat(ineffective.policy(0.8)).containsExactly(plain.policy(0));
    }

    @Test
    void temperatureNeverFallsBelowItsFloor() {
        var agent = triedAgent(create(NeuromodulatedAgent.TYPE, Map.of(), 3));

        assertThat(agent.signals(-100).temperature()).isEqualTo(NeuromodulatedAgent.MINIMUM_TEMPERATURE);
        assertThat(sum(agent.policy(-100))).isCloseTo(1.0, within(TOLERANCE));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void shadowLearningReportsThePolicyAndValueBeforeLearning(AgentType type, Map<String, ?> given) {
        var agent = triedAgent(create(type, given, 4));
        var decision = agent.decide(0.2);
        int subjectAction = (decision.action() + 1) % 5;
        double probability = agent.policy(0.2)[subjectAction];
        double value = agent.signals(0).values()[subjectAction];

        var learning = agent.learn(subjectAction, 2.5, 0.2);

        assertThat(learning.action()).isEqualTo(subjectAction);
        assertThat(learning.actionProbability()).isEqualTo(probability);
        assertThat(learning.predictionError()).isEqualTo(2.5 - value);
        assertThat(learning.signals().temperature()).isEqualTo(agent.signals(0).temperature());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void sameSeedGivesTheSameTrajectory(AgentType type, Map<String, ?> given) {
        var one = run(create(type, given, 42), RandomGenerators.seeded(7), 300);
        var two = run(create(type, given, 42), RandomGenerators.seeded(7), 300);
        var other = run(create(type, given, 43), RandomGenerators.seeded(7), 300);

        assertThat(two).containsExactlyElementsOf(one);
        assertThat(other).isNotEqualTo(one);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void restoredAgentContinuesBitForBit(AgentType type, Map<String, ?> given) {
        var agent = create(type, given, 8);
        run(agent, RandomGenerators.seeded(1), 250);
        byte[] state = agent.saveState();

        var fresh = create(type, given, 999);
        fresh.restoreState(state);

        var continued = run(agent, RandomGenerators.seeded(2), 200);
        var restored = run(fresh, RandomGenerators.seeded(2), 200);
        assertThat(restored).containsExactlyElementsOf(continued);
    }

    @Test
    void theServiceCanRestoreFromTypeArmsAndParameters() {
        Parameters parameters = NeuromodulatedAgent.TYPE.resolve(Map.of("estimator", "ensemble"));
        var agent = NeuromodulatedAgent.TYPE.create(new AgentSetup(5, parameters, 8));
        run(agent, RandomGenerators.seeded(1), 100);

        var restored = NeuromodulatedAgent.TYPE.restore(5, parameters, agent.saveState());

        assertThat(run(restored, RandomGenerators.seeded(2), 50))
                .containsExactlyElementsOf(run(agent, RandomGenerators.seeded(2), 50));
    }

    @Test
    void aStateOfAnotherEstimatorOrSizeIsRejected() {
        var reliability = create(NeuromodulatedAgent.TYPE, Map.of(), 1);
        var ensemble = create(NeuromodulatedAgent.TYPE, Map.of("estimator", "ensemble"), 1);
        var larger = create(NeuromodulatedAgent.TYPE, Map.of("ensembleSize", 21), 1);

        assertThatThrownBy(() -> ensemble.restoreState(reliability.saveState()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("estimator 'reliability'");
        assertThatThrownBy(() -> larger.restoreState(reliability.saveState()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reliability.restoreState(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void signalsStayFiniteAndRatesBoundedForHugeAndConstantRewards(AgentType type, Map<String, ?> given) {
        for (double[] rewards : List.of(new double[] {1e6, -1e6}, new double[] {0}, new double[] {7})) {
            var agent = create(type, given, 5);
            for (int t = 0; t < 2_000; t++) {
                var decision = agent.decide(0);
                var learning = agent.learn(decision.action(), rewards[t % rewards.length], 0);
                assertSane(decision.probabilities(), learning.signals());
                assertThat(learning.predictionError()).isFinite();
            }
        }
    }

    @Test
    void aThousandArmsStayFinite() {
        var agent =
                NeuromodulatedAgent.TYPE.create(new AgentSetup(1000, NeuromodulatedAgent.TYPE.resolve(Map.of()), 6));
        UniformRandomProvider environment = RandomGenerators.seeded(3);
        for (int t = 0; t < 1_500; t++) {
            var decision = agent.decide(0.1);
            var learning = agent.learn(decision.action(), 1e6 * (environment.nextDouble() - 0.5), 0.1);
            assertSane(decision.probabilities(), learning.signals());
        }
    }

    @Test
    void invalidInputsAreRejectedWithPreciseMessages() {
        var agent = create(NeuromodulatedAgent.TYPE, Map.of(), 1);

        assertThatThrownBy(() -> agent.learn(5, 1, 0)).hasMessageContaining("action must be within [0, 4]");
        assertThatThrownBy(() -> agent.learn(0, Double.NaN, 0)).hasMessageContaining("reward must be finite");
        assertThatThrownBy(() -> agent.decide(Double.POSITIVE_INFINITY))
                .hasMessageContaining("stimulation must be finite");
        assertThatThrownBy(() -> NeuromodulatedAgent.TYPE.resolve(Map.of("maskProbability", 0)))
                .isInstanceOf(InvalidParameters.class)
                .hasMessageContaining("'maskProbability' must be within");
        assertThatThrownBy(() -> NeuromodulatedAgent.TYPE.resolve(Map.of("estimator", "kalman")))
                .isInstanceOf(InvalidParameters.class)
                .hasMessageContaining("'estimator' must be one of [reliability, ensemble]");
    }

    @Test
    void everyParameterHasItsSpecifiedDefaultAndADescription() {
        var defaults = NeuromodulatedAgent.TYPE.resolve(Map.of()).asMap();

        assertThat(defaults)
                .containsEntry("estimator", "reliability")
                .containsEntry("policyInput", "normalized")
                .containsEntry("ensembleSize", 20.0)
                .containsEntry("surpriseScale", 0.1)
                .containsEntry("learningRateFloor", 0.0)
                .containsEntry("surpriseRate", 0.1)
                .containsEntry("maskProbability", 0.5)
                .containsEntry("varianceRate", 0.1);
        assertThat(NeuromodulatedAgent.TYPE.parameters())
                .allSatisfy(p -> assertThat(p.description()).isNotBlank());
    }

    @Test
    void theCatalogOffersTheAgentAndItsOracles() {
        assertThat(AgentCatalog.find("neuromodulated")).contains(NeuromodulatedAgent.TYPE);
        assertThat(AgentCatalog.find("aleatoric-oracle")).contains(AleatoricOracle.TYPE);
        assertThat(AgentCatalog.find("full-oracle")).contains(FullOracle.TYPE);
        assertThat(NeuromodulatedAgent.TYPE.simulationOnly()).isFalse();
    }

    @Test
    void masksAreBernoulliWithTheGivenProbability() {
        for (double probability : new double[] {0.5, 0.3, 1.0}) {
            var agent = (NeuromodulatedAgent) NeuromodulatedAgent.TYPE.create(new AgentSetup(
                    2,
                    NeuromodulatedAgent.TYPE.resolve(Map.of("ensembleSize", 1000, "maskProbability", probability)),
                    12));
            int masked = 0;
            int draws = 0;
            for (int t = 0; t < 20; t++) {
                agent.learn(t % 2, 1.0, 0);
                for (int j = 0; j < 1000; j++) {
                    masked += (int) agent.ensemble().mask(j);
                    draws++;
                }
            }
            // 20,000 draws: the standard error of the frequency is at most 0.0036.
            assertThat((double) masked / draws).isCloseTo(probability, within(0.015));
        }
    }

    @Test
    void learningRateAndTemperatureRiseAfterAnUnsignalledChangeAndDecayAfterwards() {
        int seeds = 40;
        int changeAt = 500;
        int trials = 1_000;
        double[] learningRate = new double[trials];
        double[] temperature = new double[trials];
        for (int seed = 0; seed < seeds; seed++) {
            var agent = NeuromodulatedAgent.TYPE.create(
                    new AgentSetup(2, NeuromodulatedAgent.TYPE.resolve(Map.of()), seed));
            var noise = ZigguratSampler.NormalizedGaussian.of(RandomGenerators.seeded(1_000 + seed));
            for (int t = 0; t < trials; t++) {
                double[] means = t < changeAt ? new double[] {2, -2} : new double[] {-2, 2};
                var decision = agent.decide(0);
                learningRate[t] += decision.signals().learningRate() / seeds;
                temperature[t] += decision.signals().temperature() / seeds;
                agent.learn(decision.action(), means[decision.action()] + 0.5 * noise.sample(), 0);
            }
        }

        double learningRateBefore = average(learningRate, changeAt - 100, changeAt);
        double learningRateAfter = average(learningRate, changeAt, changeAt + 30);
        double learningRateLate = average(learningRate, trials - 100, trials);
        double temperatureBefore = average(temperature, changeAt - 100, changeAt);
        double temperatureAfter = average(temperature, changeAt, changeAt + 30);
        double temperatureLate = average(temperature, trials - 100, trials);
        assertThat(learningRateAfter).isGreaterThan(2 * learningRateBefore).isGreaterThan(2 * learningRateLate);
        assertThat(temperatureAfter).isGreaterThan(2 * temperatureBefore).isGreaterThan(2 * temperatureLate);
    }

    /** Learns once from every arm so the softmax policy applies. */
    private static NeuromodulatedAgent triedAgent(Agent agent) {
        for (int a = 0; a < agent.arms(); a++) {
            agent.learn(a, a * 0.7 - 1, 0);
        }
        return (NeuromodulatedAgent) agent;
    }

    /** Every number the agent reports over a run against a 5-arm Gaussian bandit. */
    private static List<Double> run(Agent agent, UniformRandomProvider environment, int trials) {
        var noise = ZigguratSampler.NormalizedGaussian.of(environment);
        var trace = new ArrayList<Double>();
        for (int t = 0; t < trials; t++) {
            double stimulation = t % 7 == 0 ? 0.1 : 0;
            var decision = agent.decide(stimulation);
            trace.add((double) decision.action());
            for (double p : decision.probabilities()) {
                trace.add(p);
            }
            var learning = agent.learn(
                    decision.action(),
                    FIVE_ARMS.means()[decision.action()]
                            + FIVE_ARMS.standardDeviations()[decision.action()] * noise.sample(),
                    stimulation);
            trace.add(learning.predictionError());
            trace.add(learning.actionProbability());
            addSignals(trace, learning.signals());
        }
        return trace;
    }

    private static void addSignals(List<Double> trace, Signals signals) {
        trace.add(signals.learningRate());
        trace.add(signals.temperature());
        trace.add(signals.expectedUncertainty());
        trace.add(signals.unexpectedUncertainty());
        for (double v : signals.values()) {
            trace.add(v);
        }
    }

    /** Checks a whole step at once: per-element AssertJ calls would dominate a 1,000-arm run. */
    private static void assertSane(double[] probabilities, Signals signals) {
        double total = 0;
        boolean probabilitiesValid = true;
        for (double p : probabilities) {
            probabilitiesValid &= p >= 0 && p <= 1;
            total += p;
        }
        boolean valuesFinite = true;
        for (double v : signals.values()) {
            valuesFinite &= Double.isFinite(v);
        }
        assertThat(probabilitiesValid).as("every probability within [0, 1]").isTrue();
        assertThat(total).isCloseTo(1.0, within(1e-9));
        assertThat(valuesFinite).as("every value finite").isTrue();
        assertThat(signals.learningRate()).isBetween(0.0, 1.0);
        assertThat(signals.temperature()).isFinite().isGreaterThanOrEqualTo(NeuromodulatedAgent.MINIMUM_TEMPERATURE);
        assertThat(signals.expectedUncertainty()).isFinite().isNotNegative();
        assertThat(signals.unexpectedUncertainty()).isFinite().isNotNegative();
    }

    private static double average(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
