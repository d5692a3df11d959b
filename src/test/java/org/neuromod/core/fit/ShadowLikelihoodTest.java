package org.neuromod.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.baseline.Boltzmann;
import org.neuromod.core.agent.neuromodulated.NeuromodulatedAgent;

class ShadowLikelihoodTest {

    private static final double[] NONE = {};

    @Test
    void boltzmannLikelihoodIsTheSoftmaxDeltaRuleWrittenOut() {
        Subject subject = Subjects.random(3, 200, 5);
        var model = Model.of(
                Boltzmann.TYPE,
                List.of(
                        new Model.FreeSpec("temperature", null, null, null),
                        new Model.FreeSpec("learningRate", null, null, null)),
                Map.of("stimulationGain", 2.0));
        double tau = 0.4;
        double alpha = 0.3;

        double[] q = Boltzmann.TYPE
                .create(new AgentSetup(3, Boltzmann.TYPE.resolve(Map.of()), subject.seed()))
                .signals(0)
                .values();
        double expected = 0;
        for (ChoiceTrial trial : subject.trials()) {
            if (trial.noResponse()) {
                continue;
            }
            double t = tau + 2.0 * trial.stimulation();
            double z = 0;
            for (double v : q) {
                z += Math.exp(v / t);
            }
            expected += q[trial.action()] / t - Math.log(z);
            q[trial.action()] += alpha * (trial.reward() - q[trial.action()]);
        }

        assertThat(new ShadowLikelihood(model, subject).logLikelihood(new double[] {tau, alpha}))
                .isCloseTo(expected, within(1e-9));
    }

    @Test
    void aNoResponseTrialAddsNoTermAndTeachesNothing() {
        Subject subject = Subjects.random(3, 100, 6);
        var responses = new ArrayList<ChoiceTrial>();
        subject.trials().stream().filter(t -> !t.noResponse()).forEach(responses::add);
        Subject withoutGaps = new Subject("gapless", 3, responses, subject.seed());
        var model = Model.of(Boltzmann.TYPE, List.of(), Map.of());

        assertThat(new ShadowLikelihood(model, subject).logLikelihood(NONE))
                .isEqualTo(new ShadowLikelihood(model, withoutGaps).logLikelihood(NONE));
        var traces = new ShadowLikelihood(model, subject).trace(NONE);
        assertThat(traces).hasSize(100);
        traces.stream().filter(t -> t.reward() == null).forEach(t -> {
            assertThat(t.logLikelihood()).isNull();
            assertThat(t.predictionError()).isNull();
        });
    }

    @Test
    void aLapseOfOneScoresEveryChoiceAtOneOverTheArms() {
        Subject subject = Subjects.random(4, 80, 7);
        var model = Model.of(Boltzmann.TYPE, List.of(new Model.FreeSpec("lapse", null, null, null)), Map.of());

        assertThat(new ShadowLikelihood(model, subject).logLikelihood(new double[] {1}))
                .isCloseTo(subject.responses() * Math.log(0.25), within(1e-9));
    }

    @Test
    void aLapseMixesTheUniformChoiceIntoEveryTerm() {
        Subject subject = Subjects.random(4, 80, 8);
        var model = Model.of(Boltzmann.TYPE, List.of(), Map.of("lapse", 0.2));
        var plain = new ShadowLikelihood(Model.of(Boltzmann.TYPE, List.of(), Map.of()), subject).trace(NONE);
        var lapsed = new ShadowLikelihood(model, subject).trace(NONE);

        for (int t = 0; t < plain.size(); t++) {
            assertThat(lapsed.get(t).actionProbability())
                    .isCloseTo(0.8 * plain.get(t).actionProbability() + 0.05, within(1e-15));
        }
    }

    @Test
    void theNeuromodulatedAgentScoresAnyFirstChoiceOfAnUntriedArmAtOneOverTheirNumber() {
        var trials = List.of(
                new ChoiceTrial(4, 1.0, 0),
                new ChoiceTrial(2, 0.0, 0),
                new ChoiceTrial(4, 1.0, 0),
                new ChoiceTrial(0, 1.0, 0),
                new ChoiceTrial(3, 0.0, 0),
                new ChoiceTrial(1, 1.0, 0));
        Subject subject = new Subject("m1", 5, trials, 11);
        var traces = new ShadowLikelihood(Model.of(NeuromodulatedAgent.TYPE, List.of(), Map.of()), subject).trace(NONE);

        assertThat(traces.get(0).logLikelihood()).isCloseTo(Math.log(1.0 / 5), within(1e-12));
        assertThat(traces.get(1).logLikelihood()).isCloseTo(Math.log(1.0 / 4), within(1e-12));
        assertThat(traces.get(2).actionProbability()).isZero();
        assertThat(traces.get(2).logLikelihood()).isEqualTo(ShadowLikelihood.LOG_PROBABILITY_FLOOR);
        assertThat(traces.get(3).logLikelihood()).isCloseTo(Math.log(1.0 / 3), within(1e-12));
        assertThat(traces.get(4).logLikelihood()).isCloseTo(Math.log(1.0 / 2), within(1e-12));
        assertThat(traces.get(5).logLikelihood()).isCloseTo(0, within(1e-12));
    }

    @Test
    void theSameParametersAndStreamGiveTheSameNumberEveryTime() {
        Subject subject = Subjects.random(3, 300, 9);
        var model = Model.of(
                NeuromodulatedAgent.TYPE,
                List.of(
                        new Model.FreeSpec("surpriseScale", 0.0, 1.0, null),
                        new Model.FreeSpec("surpriseRate", null, null, null)),
                Map.of());
        var likelihood = new ShadowLikelihood(model, subject);
        double[] at = {0.2, 0.3};

        double first = likelihood.logLikelihood(at);
        likelihood.logLikelihood(new double[] {0.7, 0.05});

        assertThat(likelihood.logLikelihood(at)).isEqualTo(first);
        assertThat(likelihood.trace(at).getLast().cumulativeLogLikelihood()).isEqualTo(first);
    }

    static Stream<Arguments> softmaxFamily() {
        return Stream.of(
                Arguments.of(Boltzmann.TYPE, Map.of()),
                Arguments.of(Boltzmann.TYPE, Map.of("temperature", 0.05, "learningRate", 0.9)),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of()),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of("policyInput", "raw")),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of("estimator", "ensemble")),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of("estimator", "ensemble", "policyInput", "raw")),
                Arguments.of(NeuromodulatedAgent.TYPE, Map.of("learningRateFloor", 0.1, "stimulationGain", 5.0)));
    }

    @ParameterizedTest
    @MethodSource("softmaxFamily")
    void everyChoiceOfARandomSubjectHasAPositiveProbabilityAndTheSumIsFinite(AgentType type, Map<String, ?> fixed) {
        var model = Model.of(type, List.of(), fixed);
        for (long seed = 0; seed < 20; seed++) {
            for (int arms : new int[] {2, 5}) {
                var traces = new ShadowLikelihood(model, Subjects.random(arms, 400, seed, true)).trace(NONE);
                for (TrialTrace trace : traces) {
                    assertThat(trace.actionProbability())
                            .as("seed %d trial %d", seed, trace.trial())
                            .isPositive();
                    if (trace.logLikelihood() != null) {
                        assertThat(trace.logLikelihood()).isGreaterThan(ShadowLikelihood.LOG_PROBABILITY_FLOOR);
                    }
                }
                assertThat(traces.getLast().cumulativeLogLikelihood()).isFinite();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("softmaxFamily")
    void withALapseEveryRandomChoiceHasAPositiveProbability(AgentType type, Map<String, ?> fixed) {
        var withLapse = new java.util.HashMap<String, Object>(fixed);
        withLapse.put("lapse", 0.01);
        var model = Model.of(type, List.of(), withLapse);
        for (long seed = 0; seed < 10; seed++) {
            var traces = new ShadowLikelihood(model, Subjects.random(3, 300, seed, false)).trace(NONE);
            for (TrialTrace trace : traces) {
                assertThat(trace.actionProbability()).isGreaterThanOrEqualTo(0.01 / 3);
            }
            assertThat(traces.getLast().cumulativeLogLikelihood()).isFinite();
        }
    }

    @Test
    void aDeterministicAgentWithALapseGivesEveryChoiceAPositiveProbability() {
        var model = Model.of(AgentCatalog.find("discounted-ucb").orElseThrow(), List.of(), Map.of("lapse", 0.05));
        for (TrialTrace trace : new ShadowLikelihood(model, Subjects.random(3, 200, 1)).trace(NONE)) {
            assertThat(trace.actionProbability()).isGreaterThanOrEqualTo(0.05 / 3);
        }
    }

    @Test
    void invalidModelsAndDataAreRefusedWithEveryProblemNamed() {
        assertThatThrownBy(() -> Model.of(
                        Boltzmann.TYPE,
                        List.of(
                                new Model.FreeSpec("temperatur", null, null, null),
                                new Model.FreeSpec("learningRate", -0.5, 0.5, null),
                                new Model.FreeSpec("temperature", 2.0, 1.0, null)),
                        Map.of("stimulationGain", -1)))
                .isInstanceOfSatisfying(
                        InvalidFit.class, e -> assertThat(e.problems()).hasSize(4));
        assertThatThrownBy(() -> Model.of(AgentCatalog.find("full-oracle").orElseThrow(), List.of(), Map.of()))
                .isInstanceOf(InvalidFit.class)
                .hasMessageContaining("truth");
        assertThatThrownBy(() -> Model.of(
                        NeuromodulatedAgent.TYPE,
                        List.of(new Model.FreeSpec("ensembleSize", null, null, null)),
                        Map.of()))
                .hasMessageContaining("not real-valued");
        assertThatThrownBy(() -> new Subject("x", 2, List.of(new ChoiceTrial(2, 1.0, 0)), 1))
                .hasMessageContaining("action must be within [0, 1]");
        assertThatThrownBy(() -> new Subject("x", 2, List.of(new ChoiceTrial(0, Double.NaN, 0)), 1))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new Subject("x", 2, List.of(new ChoiceTrial(0, null, 0)), 1))
                .hasMessageContaining("no trial with a response");
    }
}
