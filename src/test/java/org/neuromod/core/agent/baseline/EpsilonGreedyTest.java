package org.neuromod.core.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.AgentSetup;

class EpsilonGreedyTest {

    private final EpsilonGreedy agent = new EpsilonGreedy(
            new AgentSetup(4, EpsilonGreedy.TYPE.resolve(Map.of("epsilon", 0.2, "learningRate", 0.5)), 3));

    @Test
    void startsAtZeroWithTheGreedyMassSplitOverAllTiedArms() {
        assertThat(agent.signals(0).values()).containsExactly(0, 0, 0, 0);
        assertThat(agent.policy(0)).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void greedyArmGetsEpsilonOverKPlusOneMinusEpsilon() {
        agent.learn(2, 1, 0);

        assertThat(agent.signals(0).values()).containsExactly(0, 0, 0.5, 0);
        assertThat(agent.policy(0)).containsExactly(new double[] {0.05, 0.05, 0.85, 0.05}, within(1e-15));
    }

    @Test
    void tiedGreedyArmsShareTheExploitationMass() {
        agent.learn(2, 1, 0);
        agent.learn(1, 1, 0);

        assertThat(agent.policy(0)).containsExactly(new double[] {0.05, 0.45, 0.45, 0.05}, within(1e-15));
    }

    @Test
    void learnReportsPredictionErrorAndProbabilityBeforeTheUpdate() {
        agent.learn(2, 1, 0);
        agent.learn(1, 1, 0);

        var learning = agent.learn(2, -1, 0);

        assertThat(learning.predictionError()).isEqualTo(-1.5);
        assertThat(learning.actionProbability()).isCloseTo(0.45, within(1e-15));
        assertThat(learning.signals().values()[2]).isEqualTo(-0.25);
        assertThat(learning.signals().learningRate()).isEqualTo(0.5);
    }

    @Test
    void drawsFromThePolicyItReports() {
        agent.learn(3, 1, 0);
        int[] chosen = new int[4];
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            chosen[agent.decide(0).action()]++;
        }

        // π = (0.05, 0.05, 0.05, 0.85); four standard errors of a binomial proportion.
        assertThat(chosen[3] / (double) draws).isCloseTo(0.85, within(4 * Math.sqrt(0.85 * 0.15 / draws)));
        assertThat(chosen[0] / (double) draws).isCloseTo(0.05, within(4 * Math.sqrt(0.05 * 0.95 / draws)));
    }

    @Test
    void ignoresStimulation() {
        agent.learn(0, 1, 0);

        assertThat(agent.policy(5)).containsExactly(agent.policy(0));
        assertThat(agent.signals(5).temperature()).isNaN();
    }
}
