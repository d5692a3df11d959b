package org.neuromod.core.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.AgentSetup;

class SlidingWindowUcbTest {

    private static SlidingWindowUcb agent(int arms, int window, double exploration) {
        return new SlidingWindowUcb(new AgentSetup(
                arms, SlidingWindowUcb.TYPE.resolve(Map.of("window", window, "exploration", exploration)), 1));
    }

    @Test
    void valuesAreMeansOverTheWindowAndTheOldestTrialIsEvicted() {
        var agent = agent(2, 3, 1);
        agent.learn(0, 1, 0);
        agent.learn(1, 0, 0);
        agent.learn(0, 3, 0);
        assertThat(agent.signals(0).values()).containsExactly(2, 0);

        agent.learn(0, 5, 0);
        // (0, 1) left the window: arm 0 holds 3 and 5.
        assertThat(agent.signals(0).values()).containsExactly(4, 0);
        assertThat(agent.decide(0).action()).isZero();

        agent.learn(0, 7, 0);
        // (1, 0) left: arm 1 is absent from the window, so it is played first.
        assertThat(agent.signals(0).values()).containsExactly(5, 0);
        assertThat(agent.decide(0).action()).isEqualTo(1);
        var learning = agent.learn(1, 2, 0);
        assertThat(learning.predictionError()).isEqualTo(2);
        assertThat(learning.actionProbability()).isEqualTo(1);
    }

    @Test
    void bonusIsRhoLogWindowOverCount() {
        // Arm 0: four rewards of 1; arm 1: one reward of 0.5; n = 5, √(ln 5) = 1.2686.
        // ρ = 1: indexes 1 + 1.2686/2 = 1.634 and 0.5 + 1.2686 = 1.769 -> arm 1.
        // ρ = 0.25: indexes 1 + 0.6343/2 = 1.317 and 0.5 + 0.6343 = 1.134 -> arm 0.
        for (double exploration : new double[] {1, 0.25}) {
            var agent = agent(2, 10, exploration);
            agent.learn(1, 0.5, 0);
            for (int trial = 0; trial < 4; trial++) {
                agent.learn(0, 1, 0);
            }
            assertThat(agent.decide(0).action()).isEqualTo(exploration == 1 ? 1 : 0);
        }
    }

    @Test
    void untriedArmsComeFirstInIndexOrder() {
        var agent = agent(3, 10, 1);
        for (int arm = 0; arm < 3; arm++) {
            assertThat(agent.decide(0).action()).isEqualTo(arm);
            agent.learn(arm, 100, 0);
        }
    }

    @Test
    void tiesGoToTheLowestIndex() {
        var agent = agent(3, 10, 1);
        for (int arm = 2; arm >= 0; arm--) {
            agent.learn(arm, 1, 0);
        }

        assertThat(agent.decide(0).action()).isZero();
    }

    @Test
    void windowMeansStayExactOverManyLapsOfTheRing() {
        var agent = agent(3, 4, 1);
        double[] rewards = new double[1003];
        int[] actions = new int[rewards.length];
        for (int t = 0; t < rewards.length; t++) {
            actions[t] = (t * 7) % 3;
            rewards[t] = (t % 2 == 0 ? 1e6 : -1e6) + t * 0.1;
            agent.learn(actions[t], rewards[t], 0);
        }
        double[] sums = new double[3];
        int[] counts = new int[3];
        for (int t = rewards.length - 4; t < rewards.length; t++) {
            sums[actions[t]] += rewards[t];
            counts[actions[t]]++;
        }

        double[] values = agent.signals(0).values();
        for (int a = 0; a < 3; a++) {
            double expected = counts[a] == 0 ? 0 : sums[a] / counts[a];
            assertThat(values[a]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void restoringIntoADifferentWindowIsRejected() {
        var agent = agent(2, 5, 1);
        agent.learn(0, 1, 0);

        var other = agent(2, 6, 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> other.restoreState(agent.saveState()))
                .withMessageContaining("window of 5");
    }

    @Test
    void hasNoLearningRateOrTemperature() {
        var signals = agent(2, 5, 1).signals(1);

        assertThat(signals.learningRate()).isNaN();
        assertThat(signals.temperature()).isNaN();
        assertThat(signals.values()).containsExactly(0, 0);
    }
}
