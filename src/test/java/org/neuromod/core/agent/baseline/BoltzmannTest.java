package org.neuromod.core.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.AgentSetup;

class BoltzmannTest {

    private final Boltzmann agent = new Boltzmann(
            new AgentSetup(3, Boltzmann.TYPE.resolve(Map.of("temperature", 0.5, "learningRate", 0.25)), 7));

    @Test
    void deltaRuleMovesTheChosenValueByAlphaTimesThePredictionError() {
        double before = agent.signals(0).values()[1];

        var learning = agent.learn(1, 2.0, 0);

        assertThat(learning.predictionError()).isEqualTo(2.0 - before);
        assertThat(learning.signals().values()[1]).isCloseTo(before + 0.25 * (2.0 - before), within(1e-15));
    }

    @Test
    void policyIsSoftmaxOfValuesOverTemperaturePlusStimulation() {
        double[] q = agent.signals(0).values();
        double t = 0.5 + 0.3;
        double z = Math.exp(q[0] / t) + Math.exp(q[1] / t) + Math.exp(q[2] / t);

        double[] policy = agent.policy(0.3);

        for (int a = 0; a < 3; a++) {
            assertThat(policy[a]).isCloseTo(Math.exp(q[a] / t) / z, within(1e-12));
        }
        assertThat(agent.signals(0.3).temperature()).isEqualTo(0.8);
    }

    @Test
    void initialValuesAreSmallAndSeeded() {
        var twin = new Boltzmann(new AgentSetup(3, Boltzmann.TYPE.resolve(Map.of()), 7));
        assertThat(twin.signals(0).values()).containsExactly(agent.signals(0).values());
        for (double v : agent.signals(0).values()) {
            assertThat(Math.abs(v)).isLessThan(0.06);
        }
    }

    @Test
    void stimulationGainScalesTheStimulationsShareOfTheTemperature() {
        var gained = new Boltzmann(new AgentSetup(
                3,
                Boltzmann.TYPE.resolve(Map.of("temperature", 0.5, "learningRate", 0.25, "stimulationGain", 2.5)),
                7));
        var ineffective = new Boltzmann(new AgentSetup(
                3, Boltzmann.TYPE.resolve(Map.of("temperature", 0.5, "learningRate", 0.25, "stimulationGain", 0)), 7));

        assertThat(gained.signals(0.2).temperature()).isCloseTo(0.5 + 2.5 * 0.2, within(1e-15));
        assertThat(ineffective.policy(0.7)).containsExactly(agent.policy(0));
        assertThat(Boltzmann.TYPE.resolve(Map.of()).number("stimulationGain")).isEqualTo(1.0);
    }
}
