package org.neuromod.core.agent.neuromodulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.InvalidParameters;

class EnsembleEstimatorTest {

    private static final double TOLERANCE = 1e-12;

    /**
     * Two arms, three members, every mask on, both arms tried, then q = [[0, 0.3, 0.6], [1, 1, 1]],
     * s = [[0.2, 0.1, 0.3], [0.5, 0.5, 0.5]].
     */
    private static NeuromodulatedAgent knownAgent() {
        var parameters = NeuromodulatedAgent.TYPE.resolve(
                Map.of("estimator", "ensemble", "ensembleSize", 3, "maskProbability", 1.0));
        var agent = new NeuromodulatedAgent(new AgentSetup(2, parameters, 5));
        agent.learn(0, 0, 0);
        agent.learn(1, 0, 0);
        double[][] q = {{0, 0.3, 0.6}, {1, 1, 1}};
        double[][] s = {{0.2, 0.1, 0.3}, {0.5, 0.5, 0.5}};
        var estimator = (EnsembleEstimator) agent.estimator();
        for (int a = 0; a < 2; a++) {
            for (int j = 0; j < 3; j++) {
                agent.ensemble().setValue(a, j, q[a][j]);
                estimator.setVariance(a, j, s[a][j]);
            }
        }
        return agent;
    }

    @Test
    void signalsArePerArmSpreadAndVarianceAveragedOverArms() {
        var agent = knownAgent();
        var estimator = (EnsembleEstimator) agent.estimator();
        double spread0 = (0.09 + 0 + 0.09) / 3;
        double variance0 = 0.2;

        var signals = agent.signals(0.1);

        assertThat(estimator.learningRate(0)).isCloseTo(spread0 / (spread0 + variance0), within(TOLERANCE));
        assertThat(estimator.learningRate(1)).isZero();
        assertThat(signals.learningRate()).isCloseTo(spread0 / (spread0 + variance0) / 2, within(TOLERANCE));
        assertThat(signals.unexpectedUncertainty()).isCloseTo(spread0 / 2, within(TOLERANCE));
        assertThat(signals.expectedUncertainty()).isCloseTo((0.2 + 0.5) / 2, within(TOLERANCE));
        assertThat(signals.temperature()).isCloseTo(0.1 + spread0 / 2, within(TOLERANCE));
    }

    @Test
    void oneStepScalesEachMembersRateByItsFactorAndTracksTheVarianceOfItsErrors() {
        var agent = knownAgent();
        var estimator = (EnsembleEstimator) agent.estimator();
        double learningRate = 0.06 / 0.26;
        double[] before = {0, 0.3, 0.6};
        double[] varianceBefore = {0.2, 0.1, 0.3};

        agent.learn(0, 1.0, 0);

        for (int j = 0; j < 3; j++) {
            double error = 1.0 - before[j];
            assertThat(agent.ensemble().value(0, j))
                    .isCloseTo(before[j] + learningRate * estimator.memberRateFactor(j) * error, within(TOLERANCE));
            assertThat(estimator.variance(0, j))
                    .isCloseTo(varianceBefore[j] + 0.1 * (error * error - varianceBefore[j]), within(TOLERANCE));
        }
    }

    @Test
    void anArmWithoutSpreadKeepsItsValuesButStillTracksItsVariance() {
        var agent = knownAgent();
        var estimator = (EnsembleEstimator) agent.estimator();

        agent.learn(1, 3.0, 0);

        for (int j = 0; j < 3; j++) {
            assertThat(agent.ensemble().value(1, j)).isEqualTo(1.0);
            assertThat(estimator.variance(1, j)).isCloseTo(0.5 + 0.1 * (4.0 - 0.5), within(TOLERANCE));
        }
    }

    @Test
    void memberRateFactorsAreASeededPermutationOfTwiceLinspace() {
        int members = 20;
        double[] expected = new double[members];
        for (int j = 0; j < members; j++) {
            expected[j] = 2.0 * j / (members - 1);
        }
        var parameters = NeuromodulatedAgent.TYPE.resolve(Map.of("estimator", "ensemble"));

        double[] factors = factors(new NeuromodulatedAgent(new AgentSetup(5, parameters, 1)), members);
        double[] twin = factors(new NeuromodulatedAgent(new AgentSetup(5, parameters, 1)), members);
        double[] other = factors(new NeuromodulatedAgent(new AgentSetup(5, parameters, 2)), members);

        double[] sorted = factors.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(expected, within(TOLERANCE));
        assertThat(factors).isNotEqualTo(sorted);
        assertThat(twin).containsExactly(factors);
        assertThat(other).isNotEqualTo(factors);
    }

    @Test
    void anEnsembleOfOneHasNoSpreadAndIsRejected() {
        var parameters = NeuromodulatedAgent.TYPE.resolve(Map.of("estimator", "ensemble", "ensembleSize", 1));

        assertThatThrownBy(() -> NeuromodulatedAgent.TYPE.create(new AgentSetup(2, parameters, 1)))
                .isInstanceOf(InvalidParameters.class)
                .hasMessageContaining("'ensembleSize' must be at least 2 with estimator 'ensemble'");
    }

    private static double[] factors(NeuromodulatedAgent agent, int members) {
        var estimator = (EnsembleEstimator) agent.estimator();
        double[] factors = new double[members];
        for (int j = 0; j < members; j++) {
            factors[j] = estimator.memberRateFactor(j);
        }
        return factors;
    }
}
