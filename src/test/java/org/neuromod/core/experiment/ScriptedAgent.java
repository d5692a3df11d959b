package org.neuromod.core.experiment;

import java.util.List;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Learning;
import org.neuromod.core.agent.Signals;
import org.neuromod.core.agent.Softmax;

/**
 * A deterministic agent whose metrics can be computed by hand: it always chooses one arm, reports
 * the number of decisions made so far as its learning rate and {@code 1 + stimulation} as its
 * temperature.
 */
final class ScriptedAgent implements Agent {

    static AgentType alwaysChoosing(int arm) {
        return new AgentType(
                "always-" + arm,
                "Always chooses arm " + arm + ".",
                List.of(),
                false,
                setup -> new ScriptedAgent(setup, arm));
    }

    private final int arms;
    private final int arm;
    private int decisions;

    private ScriptedAgent(AgentSetup setup, int arm) {
        this.arms = setup.arms();
        this.arm = arm;
    }

    @Override
    public int arms() {
        return arms;
    }

    @Override
    public double[] policy(double stimulation) {
        return Softmax.certain(arm, new double[arms]);
    }

    @Override
    public Decision decide(double stimulation) {
        Decision decision = new Decision(arm, policy(stimulation), signals(stimulation));
        decisions++;
        return decision;
    }

    @Override
    public Learning learn(int action, double reward, double stimulation) {
        return new Learning(action, reward, reward, policy(stimulation)[action], signals(0));
    }

    @Override
    public Signals signals(double stimulation) {
        return new Signals(decisions, 1 + stimulation, Double.NaN, Double.NaN, new double[arms]);
    }

    @Override
    public byte[] saveState() {
        throw new UnsupportedOperationException("a scripted agent has no state worth saving");
    }

    @Override
    public void restoreState(byte[] state) {
        throw new UnsupportedOperationException("a scripted agent has no state worth saving");
    }
}
