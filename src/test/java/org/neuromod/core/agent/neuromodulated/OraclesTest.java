package org.neuromod.core.agent.neuromodulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.EnvironmentTruth;

class OraclesTest {

    private static final double TOLERANCE = 1e-12;

    /** A truth the test can change, as an environment changes context. */
    private static final class FixedTruth implements EnvironmentTruth {
        double[] means = {1.0, -1.0};
        double[] standardDeviations = {0.5, 1.5};

        @Override
        public double[] means() {
            return means.clone();
        }

        @Override
        public double[] standardDeviations() {
            return standardDeviations.clone();
        }
    }

    private final FixedTruth truth = new FixedTruth();

    /** Two arms, two members, every mask on, both arms tried, then q = [[0.2, 0.4], [1.0, −0.5]]. */
    private NeuromodulatedAgent knownAgent(AgentType type) {
        var parameters = type.resolve(Map.of("ensembleSize", 2, "maskProbability", 1.0));
        var agent = (NeuromodulatedAgent) type.create(new AgentSetup(2, parameters, 9, truth));
        agent.learn(0, 0, 0);
        agent.learn(1, 0, 0);
        double[][] q = {{0.2, 0.4}, {1.0, -0.5}};
        for (int a = 0; a < 2; a++) {
            for (int j = 0; j < 2; j++) {
                agent.ensemble().setValue(a, j, q[a][j]);
            }
        }
        return agent;
    }

    @Test
    void aleatoricOracleTakesTheMeanTrueNoiseAsExpectedUncertainty() {
        var agent = knownAgent(AleatoricOracle.TYPE);
        var oracle = (AleatoricOracle) agent.estimator();
        oracle.setSurprise(4);

        var signals = agent.signals(0.3);

        assertThat(signals.expectedUncertainty()).isCloseTo(1.0, within(TOLERANCE));
        assertThat(signals.unexpectedUncertainty()).isCloseTo(0.2, within(TOLERANCE));
        assertThat(signals.learningRate()).isCloseTo(0.2 / 1.2, within(TOLERANCE));
        assertThat(signals.temperature()).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void aleatoricOracleLearnsValuesAndSurpriseAsTheReliabilityEstimator() {
        var agent = knownAgent(AleatoricOracle.TYPE);
        var oracle = (AleatoricOracle) agent.estimator();
        oracle.setSurprise(4);

        agent.learn(0, 1.0, 0);

        assertThat(agent.ensemble().value(0, 0)).isCloseTo(0.2 + 0.8 / 6, within(TOLERANCE));
        assertThat(agent.ensemble().value(0, 1)).isCloseTo(0.4 + 0.6 / 6, within(TOLERANCE));
        assertThat(oracle.surprise()).isCloseTo(3.65, within(TOLERANCE));
    }

    @Test
    void fullOracleMeasuresTheTrueErrorOfTheMeanValues() {
        var agent = knownAgent(FullOracle.TYPE);
        double error = ((1.0 - 0.3) * (1.0 - 0.3) + (-1.0 - 0.25) * (-1.0 - 0.25)) / 2;

        var signals = agent.signals(0.3);

        assertThat(signals.unexpectedUncertainty()).isCloseTo(error, within(TOLERANCE));
        assertThat(signals.expectedUncertainty()).isCloseTo(1.0, within(TOLERANCE));
        assertThat(signals.learningRate()).isCloseTo(error / (error + 1.0), within(TOLERANCE));
        assertThat(signals.temperature()).isCloseTo(0.3 + error, within(TOLERANCE));
    }

    @Test
    void fullOracleUpdatesValuesWithItsRate() {
        var agent = knownAgent(FullOracle.TYPE);
        double error = (0.49 + 1.5625) / 2;
        double learningRate = error / (error + 1.0);

        agent.learn(1, -1.0, 0);

        assertThat(agent.ensemble().value(1, 0)).isCloseTo(1.0 + learningRate * (-2.0), within(TOLERANCE));
        assertThat(agent.ensemble().value(1, 1)).isCloseTo(-0.5 + learningRate * (-0.5), within(TOLERANCE));
        assertThat(agent.ensemble().value(0, 0)).isEqualTo(0.2);
    }

    @Test
    void oraclesFollowTheLiveTruthWhenTheContextChanges() {
        var full = knownAgent(FullOracle.TYPE);
        var aleatoric = knownAgent(AleatoricOracle.TYPE);
        double errorBefore = full.signals(0).unexpectedUncertainty();

        truth.means = new double[] {-4.0, 4.0};
        truth.standardDeviations = new double[] {2.0, 2.0};

        double errorAfter = ((-4.0 - 0.3) * (-4.0 - 0.3) + (4.0 - 0.25) * (4.0 - 0.25)) / 2;
        assertThat(full.signals(0).unexpectedUncertainty()).isCloseTo(errorAfter, within(TOLERANCE));
        assertThat(errorAfter).isGreaterThan(errorBefore);
        assertThat(aleatoric.signals(0).expectedUncertainty()).isCloseTo(2.0, within(TOLERANCE));
    }

    @Test
    void oraclesAreSimulationOnlyAndNeedATruthOfTheirArms() {
        assertThat(AleatoricOracle.TYPE.simulationOnly()).isTrue();
        assertThat(FullOracle.TYPE.simulationOnly()).isTrue();
        var parameters = FullOracle.TYPE.resolve(Map.of());

        assertThatThrownBy(() -> FullOracle.TYPE.create(new AgentSetup(2, parameters, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FullOracle.TYPE.create(new AgentSetup(3, parameters, 1, truth)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 arms");
    }
}
