package org.neuromod.core.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.AgentSetup;

class DiscountedThompsonTest {

    private static DiscountedThompson agent(int arms, double discount, double priorDeviation, long seed) {
        return new DiscountedThompson(new AgentSetup(
                arms,
                DiscountedThompson.TYPE.resolve(Map.of(
                        "discount",
                        discount,
                        "priorMean",
                        0,
                        "priorStandardDeviation",
                        priorDeviation,
                        "observationNoise",
                        1)),
                seed));
    }

    @Test
    void posteriorUsesDiscountedCountsAndSums() {
        // σ₀ = 2 (prior precision 1/4), σ = 1, γ = 0.5.
        var agent = agent(3, 0.5, 2, 1);

        var first = agent.learn(0, 2, 0);
        // n₀ = 1, s₀ = 2: precision 1.25, mean 2 / 1.25.
        assertThat(first.predictionError()).isEqualTo(2);
        assertThat(first.signals().values()[0]).isCloseTo(1.6, within(1e-15));

        var second = agent.learn(1, -1, 0);
        // n₀ = 0.5, s₀ = 1: mean 1 / 0.75; n₁ = 1, s₁ = −1: mean −1 / 1.25; arm 2 at the prior.
        assertThat(second.predictionError()).isEqualTo(-1);
        assertThat(second.signals().values()).containsExactly(new double[] {1 / 0.75, -0.8, 0}, within(1e-15));
        assertThat(second.signals().expectedUncertainty()).isEqualTo(1);
        assertThat(second.signals().unexpectedUncertainty())
                .isCloseTo((1 / Math.sqrt(0.75) + 1 / Math.sqrt(1.25) + 2) / 3, within(1e-15));

        assertThat(agent.learn(0, 0, 0).predictionError()).isCloseTo(-1 / 0.75, within(1e-15));
    }

    @Test
    void twoArmProbabilitiesMatchTheClosedForm() {
        // Arm 0 well known and narrow, arm 1 seen once and wide: P(θ₁ > θ₀) = Φ((m₁ − m₀) / √(v₀ + v₁)).
        var agent = agent(2, 1, 3, 1);
        for (int trial = 0; trial < 50; trial++) {
            agent.learn(0, 1, 0);
        }
        agent.learn(1, 0.5, 0);
        double v0 = 1 / (1 / 9.0 + 50);
        double v1 = 1 / (1 / 9.0 + 1);
        double m0 = v0 * 50;
        double m1 = v1 * 0.5;
        double exact = StandardNormal.cdf((m1 - m0) / Math.sqrt(v0 + v1));

        double[] policy = agent.policy(0);

        assertThat(policy[1]).isCloseTo(exact, within(1e-4));
        assertThat(policy[0] + policy[1]).isCloseTo(1, within(1e-15));
    }

    @Test
    void threeArmProbabilitiesMatchAFineIntegration() {
        var agent = agent(3, 0.9, 2, 1);
        double[] rewards = {0.3, 1.1, -0.4, 0.8, 0.9, 0.2, 1.4};
        int[] actions = {0, 1, 2, 1, 0, 2, 1};
        for (int t = 0; t < rewards.length; t++) {
            agent.learn(actions[t], rewards[t], 0);
        }
        double[] counts = new double[3];
        double[] sums = new double[3];
        for (int t = 0; t < rewards.length; t++) {
            for (int a = 0; a < 3; a++) {
                counts[a] *= 0.9;
                sums[a] *= 0.9;
            }
            counts[actions[t]] += 1;
            sums[actions[t]] += rewards[t];
        }
        double[] means = new double[3];
        double[] deviations = new double[3];
        for (int a = 0; a < 3; a++) {
            double precision = 0.25 + counts[a];
            means[a] = sums[a] / precision;
            deviations[a] = 1 / Math.sqrt(precision);
        }

        double[] policy = agent.policy(0);

        for (int a = 0; a < 3; a++) {
            assertThat(policy[a]).as("arm %d", a).isCloseTo(fineProbabilityBest(a, means, deviations), within(1e-4));
        }
    }

    /** P(arm a is the maximum) by the trapezoid rule on 200,001 points of x. */
    private static double fineProbabilityBest(int arm, double[] means, double[] deviations) {
        double low = means[arm] - 12 * deviations[arm];
        double high = means[arm] + 12 * deviations[arm];
        int points = 200_001;
        double step = (high - low) / (points - 1);
        double integral = 0;
        for (int i = 0; i < points; i++) {
            double x = low + i * step;
            double z = (x - means[arm]) / deviations[arm];
            double value = Math.exp(-z * z / 2) / (Math.sqrt(2 * Math.PI) * deviations[arm]);
            for (int b = 0; b < means.length; b++) {
                if (b != arm) {
                    value *= StandardNormal.cdf((x - means[b]) / deviations[b]);
                }
            }
            integral += (i == 0 || i == points - 1 ? 0.5 : 1) * value * step;
        }
        return integral;
    }

    @Test
    void armsAtThePriorAreEquallyLikely() {
        var agent = agent(5, 0.99, 5, 1);

        assertThat(agent.policy(0)).containsExactly(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, within(1e-15));
    }

    @Test
    void anArmFarBelowTheOthersHasProbabilityZeroAndIsNeverDrawn() {
        var agent = agent(3, 1, 5, 1);
        for (int trial = 0; trial < 20; trial++) {
            agent.learn(0, -100, 0);
            agent.learn(1, 1, 0);
            agent.learn(2, 1.2, 0);
        }

        double[] policy = agent.policy(0);

        assertThat(policy[0]).isZero();
        assertThat(policy[1] + policy[2]).isEqualTo(1);
        for (int i = 0; i < 200; i++) {
            assertThat(agent.decide(0).action()).isNotZero();
        }
    }

    @Test
    void forgottenArmsDriftBackToThePrior() {
        var agent = agent(2, 0.5, 5, 1);
        agent.learn(0, 10, 0);
        for (int trial = 0; trial < 2000; trial++) {
            agent.learn(1, 0, 0);
        }

        // n₀ = 0.5^2000 underflows to 0: arm 0 is back at the prior mean exactly.
        assertThat(agent.signals(0).values()[0]).isZero();
    }

    @Test
    void drawsFromThePolicyItReportsAndLearnReportsTheSameProbability() {
        var agent = agent(2, 1, 1, 11);
        agent.learn(0, 0.4, 0);
        agent.learn(1, 0, 0);
        double[] policy = agent.policy(0);
        int draws = 20_000;
        int zeros = 0;
        for (int i = 0; i < draws; i++) {
            if (agent.decide(0).action() == 0) {
                zeros++;
            }
        }

        assertThat(zeros / (double) draws)
                .isCloseTo(policy[0], within(4 * Math.sqrt(policy[0] * (1 - policy[0]) / draws)));
        assertThat(agent.learn(1, 0, 0).actionProbability()).isEqualTo(policy[1]);
    }

    @Test
    void hasNoLearningRateOrTemperatureAndIgnoresStimulation() {
        var agent = agent(2, 0.9, 1, 1);
        agent.learn(0, 1, 0);

        assertThat(agent.signals(2).learningRate()).isNaN();
        assertThat(agent.signals(2).temperature()).isNaN();
        assertThat(agent.policy(2)).containsExactly(agent.policy(0));
    }
}
