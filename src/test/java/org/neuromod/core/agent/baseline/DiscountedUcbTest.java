package org.neuromod.core.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.AgentSetup;

class DiscountedUcbTest {

    private static DiscountedUcb agent(int arms, double exploration, double discount, double learningRate) {
        return new DiscountedUcb(new AgentSetup(
                arms,
                DiscountedUcb.TYPE.resolve(
                        Map.of("exploration", exploration, "discount", discount, "learningRate", learningRate)),
                1));
    }

    @Test
    void triesEveryArmOnceInIndexOrderBeforeUsingTheIndex() {
        var agent = agent(3, 1, 0.9999, 0.05);

        for (int arm = 0; arm < 3; arm++) {
            var decision = agent.decide(0);
            assertThat(decision.action()).isEqualTo(arm);
            assertThat(decision.probabilities()).containsExactly(arm == 0 ? 1 : 0, arm == 1 ? 1 : 0, arm == 2 ? 1 : 0);
            agent.learn(arm, -10, 0);
        }
    }

    @Test
    void discountsTotalAndCountsThenPicksTheHighestBonusedValue() {
        var agent = agent(3, 1, 0.5, 0.5);
        agent.learn(0, 1, 0);
        agent.learn(1, 0, 0);
        agent.learn(2, 2, 0);
        // Q = (0.5, 0, 1); N = 1.75; N_a = (0.25, 0.5, 1); √(ln 1.75) = 0.74807...
        double scale = Math.sqrt(Math.log(1.75));
        double[] index = {0.5 + scale / Math.sqrt(0.25), scale / Math.sqrt(0.5), 1 + scale};
        assertThat(index[0]).isGreaterThan(index[2]).isGreaterThan(index[1]);

        assertThat(agent.signals(0).values()).containsExactly(0.5, 0, 1);
        assertThat(agent.decide(0).action()).isZero();
    }

    @Test
    void withLessExplorationTheBestValueWinsOverTheBonus() {
        var agent = agent(3, 0.01, 0.5, 0.5);
        agent.learn(0, 1, 0);
        agent.learn(1, 0, 0);
        agent.learn(2, 2, 0);
        // √(0.01 ln 1.75) = 0.0748: indexes (0.650, 0.106, 1.075).
        assertThat(agent.decide(0).action()).isEqualTo(2);
    }

    @Test
    void tiesGoToTheLowestIndex() {
        var agent = agent(3, 1, 1, 0.5);
        for (int arm = 0; arm < 3; arm++) {
            agent.learn(arm, 1, 0);
        }

        assertThat(agent.decide(0).action()).isZero();
    }

    @Test
    void learnsFromAnyActionWithThePredictionErrorAndProbabilityBeforeLearning() {
        var agent = agent(3, 1, 0.5, 0.5);
        agent.learn(0, 1, 0);
        agent.learn(1, 0, 0);
        agent.learn(2, 2, 0);

        var shadow = agent.learn(1, 3, 0);

        assertThat(shadow.predictionError()).isEqualTo(3);
        assertThat(shadow.actionProbability()).isZero();
        assertThat(shadow.signals().values()[1]).isEqualTo(1.5);
        assertThat(agent.learn(0, 0.5, 0).actionProbability()).isEqualTo(1);
    }

    @Test
    void anArmForgottenUntilItsCountUnderflowsKeepsAFiniteBonusAndIsPlayedNext() {
        var agent = agent(3, 1, 0.001, 0.5);
        agent.learn(0, 1, 0);
        agent.learn(1, 5, 0);
        agent.learn(2, 4, 0);
        for (int trial = 0; trial < 200; trial++) {
            agent.learn(0, 1, 0);
        }

        var decision = agent.decide(0);

        // Both forgotten arms carry the same floored bonus, which swamps their values: lowest index.
        assertThat(decision.action()).isEqualTo(1);
        assertThat(Arrays.stream(decision.signals().values()).allMatch(Double::isFinite))
                .isTrue();
    }

    @Test
    void reportsLearningRateAndValuesAndIgnoresStimulation() {
        var agent = agent(2, 1, 0.9999, 0.05);
        agent.learn(0, 2, 0);

        var signals = agent.signals(3);

        assertThat(signals.learningRate()).isEqualTo(0.05);
        assertThat(signals.values()[0]).isCloseTo(0.1, within(1e-15));
        assertThat(signals.temperature()).isNaN();
        assertThat(signals.expectedUncertainty()).isNaN();
        assertThat(signals.unexpectedUncertainty()).isNaN();
        assertThat(agent.policy(3)).containsExactly(agent.policy(0));
    }
}
