package org.neuromod.core.agent.neuromodulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.AgentSetup;

class ReliabilityEstimatorTest {

    private static final double TOLERANCE = 1e-12;

    /**
     * Two arms, two members, every mask on, both arms tried, then the known state
     * q = [[0.2, 0.4], [1.0, −0.5]], s = [[0.5, 1.5], [1.0, 1.0]], U = 4.
     */
    private static NeuromodulatedAgent knownAgent(Map<String, Object> parameters) {
        var given = new HashMap<String, Object>(Map.of("ensembleSize", 2, "maskProbability", 1.0));
        given.putAll(parameters);
        var agent = new NeuromodulatedAgent(new AgentSetup(2, NeuromodulatedAgent.TYPE.resolve(given), 11));
        agent.learn(0, 0, 0);
        agent.learn(1, 0, 0);
        var ensemble = agent.ensemble();
        var estimator = (ReliabilityEstimator) agent.estimator();
        double[][] q = {{0.2, 0.4}, {1.0, -0.5}};
        double[][] s = {{0.5, 1.5}, {1.0, 1.0}};
        for (int a = 0; a < 2; a++) {
            for (int j = 0; j < 2; j++) {
                ensemble.setValue(a, j, q[a][j]);
                estimator.setSecondMoment(a, j, s[a][j]);
            }
        }
        estimator.setSurprise(4);
        return agent;
    }

    @Test
    void signalsAtTheStartOfATrialFollowTheReliabilityFormulas() {
        var agent = knownAgent(Map.of());

        var signals = agent.signals(0);

        double unexpected = 0.1 * Math.sqrt(4);
        double expected = Math.sqrt((0.5 + 1.5 + 1.0 + 1.0) / 4);
        assertThat(signals.unexpectedUncertainty()).isCloseTo(unexpected, within(TOLERANCE));
        assertThat(signals.expectedUncertainty()).isCloseTo(expected, within(TOLERANCE));
        assertThat(signals.learningRate()).isCloseTo(unexpected / (unexpected + expected), within(TOLERANCE));
        assertThat(signals.temperature()).isCloseTo(unexpected, within(TOLERANCE));
        assertThat(signals.values()).containsExactly(new double[] {0.3, 0.25}, within(TOLERANCE));
    }

    @Test
    void oneStepUpdatesValuesSecondMomentsAndSurpriseInClosedForm() {
        var agent = knownAgent(Map.of());
        double learningRate = 0.2 / 1.2;
        double probabilityBefore = agent.policy(0)[0];

        var learning = agent.learn(0, 1.0, 0);

        var ensemble = agent.ensemble();
        var estimator = (ReliabilityEstimator) agent.estimator();
        assertThat(ensemble.value(0, 0)).isCloseTo(0.2 + learningRate * 0.8, within(TOLERANCE));
        assertThat(ensemble.value(0, 1)).isCloseTo(0.4 + learningRate * 0.6, within(TOLERANCE));
        assertThat(ensemble.value(1, 0)).isEqualTo(1.0);
        assertThat(ensemble.value(1, 1)).isEqualTo(-0.5);
        assertThat(estimator.secondMoment(0, 0)).isCloseTo(0.5 + 2 * learningRate * (1 - 0.5), within(TOLERANCE));
        assertThat(estimator.secondMoment(0, 1)).isCloseTo(1.5 + 2 * learningRate * (1 - 1.5), within(TOLERANCE));
        assertThat(estimator.secondMoment(1, 0)).isEqualTo(1.0);
        assertThat(estimator.surprise()).isCloseTo(4 + 0.1 * ((0.8 * 0.8 + 0.6 * 0.6) / 2 - 4), within(TOLERANCE));
        assertThat(learning.predictionError()).isCloseTo(1.0 - 0.3, within(TOLERANCE));
        assertThat(learning.actionProbability()).isEqualTo(probabilityBefore);
        double unexpectedAfter = 0.1 * Math.sqrt(3.65);
        double expectedAfter = Math.sqrt((2.0 / 3 + 4.0 / 3 + 1.0 + 1.0) / 4);
        assertThat(learning.signals().learningRate())
                .isCloseTo(unexpectedAfter / (unexpectedAfter + expectedAfter), within(TOLERANCE));
        assertThat(learning.signals().values()[0]).isCloseTo((0.2 + 0.8 / 6 + 0.4 + 0.6 / 6) / 2, within(TOLERANCE));
    }

    @Test
    void normalizedPolicyIsSoftmaxOfSoftmaxedMeansOverTemperature() {
        var agent = knownAgent(Map.of());
        double z = Math.exp(0.3) + Math.exp(0.25);
        double[] x = {Math.exp(0.3) / z, Math.exp(0.25) / z};
        double temperature = 0.2 + 0.3;

        double[] policy = agent.policy(0.3);

        double norm = Math.exp(x[0] / temperature) + Math.exp(x[1] / temperature);
        assertThat(policy[0]).isCloseTo(Math.exp(x[0] / temperature) / norm, within(TOLERANCE));
        assertThat(policy[1]).isCloseTo(Math.exp(x[1] / temperature) / norm, within(TOLERANCE));
    }

    @Test
    void rawPolicyIsSoftmaxOfMeansOverTemperature() {
        var agent = knownAgent(Map.of("policyInput", "raw"));
        double temperature = 0.2 + 0.3;

        double[] policy = agent.policy(0.3);

        double norm = Math.exp(0.3 / temperature) + Math.exp(0.25 / temperature);
        assertThat(policy[0]).isCloseTo(Math.exp(0.3 / temperature) / norm, within(TOLERANCE));
        assertThat(policy[1]).isCloseTo(Math.exp(0.25 / temperature) / norm, within(TOLERANCE));
    }

    @Test
    void onlyMaskedMembersLearnButEveryMemberFeedsTheSurprise() {
        var agent = knownAgent(Map.of("maskProbability", 0.5));
        double learningRate = 0.2 / 1.2;
        double[] before = {0.2, 0.4};
        double[] secondBefore = {0.5, 1.5};

        agent.learn(0, 1.0, 0);

        var ensemble = agent.ensemble();
        var estimator = (ReliabilityEstimator) agent.estimator();
        for (int j = 0; j < 2; j++) {
            double mask = ensemble.mask(j);
            double error = 1.0 - before[j];
            assertThat(ensemble.value(0, j)).isCloseTo(before[j] + learningRate * mask * error, within(TOLERANCE));
            assertThat(estimator.secondMoment(0, j))
                    .isCloseTo(secondBefore[j] + 2 * learningRate * mask * (1 - secondBefore[j]), within(TOLERANCE));
        }
        assertThat(estimator.surprise()).isCloseTo(3.65, within(TOLERANCE));
    }

    @Test
    void learningRateFloorIsAddedAndTheSumCappedAtOne() {
        var floored = knownAgent(Map.of("learningRateFloor", 0.25));
        assertThat(floored.signals(0).learningRate()).isCloseTo(0.25 + 0.2 / 1.2, within(TOLERANCE));

        var capped = knownAgent(Map.of("learningRateFloor", 0.95));
        assertThat(capped.signals(0).learningRate()).isEqualTo(1.0);
    }

    @Test
    void withNoUncertaintyAtAllTheLearningRateIsZeroAndTheTemperatureItsFloor() {
        var agent = knownAgent(Map.of());
        var estimator = (ReliabilityEstimator) agent.estimator();
        for (int a = 0; a < 2; a++) {
            for (int j = 0; j < 2; j++) {
                estimator.setSecondMoment(a, j, 0);
            }
        }
        estimator.setSurprise(0);

        var signals = agent.signals(0);

        assertThat(signals.learningRate()).isZero();
        assertThat(signals.temperature()).isEqualTo(NeuromodulatedAgent.MINIMUM_TEMPERATURE);
        assertThat(agent.policy(0)).containsExactly(new double[] {1, 0}, within(TOLERANCE));
    }

    @Test
    void initialStateIsDrawnFromTheSpecifiedDistributions() {
        var agent = new NeuromodulatedAgent(new AgentSetup(5, NeuromodulatedAgent.TYPE.resolve(Map.of()), 3));
        var ensemble = agent.ensemble();
        var estimator = (ReliabilityEstimator) agent.estimator();
        double sumSquaredValues = 0;
        double sumSecondMoments = 0;
        for (int a = 0; a < 5; a++) {
            for (int j = 0; j < 20; j++) {
                sumSquaredValues += ensemble.value(a, j) * ensemble.value(a, j);
                assertThat(estimator.secondMoment(a, j)).isNotNegative();
                sumSecondMoments += estimator.secondMoment(a, j);
            }
        }
        // E|Normal(0, 0.1²)| = 0.1·√(2/π) ≈ 0.080 and E[q²] = 1e-4, over 100 draws each.
        assertThat(Math.sqrt(sumSquaredValues / 100)).isBetween(0.007, 0.013);
        assertThat(sumSecondMoments / 100).isBetween(0.06, 0.10);
        assertThat(estimator.surprise()).isBetween(0.0, 10.0);
    }
}
