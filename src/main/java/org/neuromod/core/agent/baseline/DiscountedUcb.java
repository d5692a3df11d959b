package org.neuromod.core.agent.baseline;

import java.util.List;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Learning;
import org.neuromod.core.agent.ParameterSpec;
import org.neuromod.core.agent.Signals;
import org.neuromod.core.agent.Softmax;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;

/**
 * Discounted UCB (Garivier &amp; Moulines 2008, "On upper-confidence bound policies for switching
 * bandit problems", ALT 2008, arXiv 0805.3415), in the delta-rule form the paper's authors used as
 * their second baseline (Lee, Liebana Garcia, Clopath &amp; Dabney 2024, arXiv 2408.08446).
 *
 * <pre>
 *   untried arms first (lowest index), then
 *   a_t   = argmax_a  Q[a] + √(ρ · ln N / N_a)          ties to the lowest index
 *   after each trial with arm a and reward r:
 *   N     ← γ N + 1
 *   N_b   ← γ N_b  for every arm b,   then  N_a ← N_a + 1
 *   Q[a]  ← Q[a] + α (r − Q[a])
 * </pre>
 *
 * Values start at Q = 0: every arm is tried once before its value enters the index, so the start
 * only sets the anchor of the delta rule, as in the authors' code. Under discounting a count N_b of
 * an arm left alone decays geometrically; in the index it is floored at {@link
 * Double#MIN_NORMAL} so the bonus stays finite (about 1e154·√(ρ ln N) at most) and such an arm is
 * simply played next.
 *
 * <p>The policy is deterministic: probability 1 on the chosen arm. The agent has no random
 * generator, so its seed has no effect. It has no temperature: stimulation is ignored. Signals:
 * learning rate α, values Q; temperature and uncertainties are NaN.
 */
public final class DiscountedUcb implements Agent {

    public static final String NAME = "discounted-ucb";

    public static final AgentType TYPE = new AgentType(
            NAME,
            "Upper-confidence-bound exploration over discounted counts with a delta-rule value (the paper's baseline).",
            List.of(
                    ParameterSpec.Numeric.real(
                            "exploration", 1, 0, 1e6, "Exploration constant ρ scaling the bonus √(ρ ln N / N_a)."),
                    ParameterSpec.Numeric.real(
                            "discount", 0.9999, 0, 1, "Discount γ applied to every count after each trial."),
                    ParameterSpec.Numeric.real(
                            "learningRate", 0.05, 0, 1, "Constant learning rate α of the delta rule.")),
            false,
            DiscountedUcb::new);

    private final double exploration;
    private final double discount;
    private final double learningRate;
    private final double[] values;
    private final double[] counts;
    private final boolean[] tried;
    private double total;

    public DiscountedUcb(AgentSetup setup) {
        this.exploration = setup.parameters().number("exploration");
        this.discount = setup.parameters().number("discount");
        this.learningRate = setup.parameters().number("learningRate");
        this.values = new double[setup.arms()];
        this.counts = new double[setup.arms()];
        this.tried = new boolean[setup.arms()];
    }

    @Override
    public int arms() {
        return values.length;
    }

    /** The arm the index selects: the lowest untried arm, else the highest index, ties to the lowest. */
    int selectedArm() {
        for (int a = 0; a < tried.length; a++) {
            if (!tried[a]) {
                return a;
            }
        }
        double scale = Math.sqrt(exploration * Math.log(total));
        int best = 0;
        double bestIndex = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < values.length; a++) {
            double index = values[a] + scale / Math.sqrt(Math.max(counts[a], Double.MIN_NORMAL));
            if (index > bestIndex) {
                bestIndex = index;
                best = a;
            }
        }
        return best;
    }

    @Override
    public double[] policy(double stimulation) {
        return Softmax.certain(selectedArm(), new double[values.length]);
    }

    @Override
    public Decision decide(double stimulation) {
        int action = selectedArm();
        return new Decision(action, Softmax.certain(action, new double[values.length]), signals(stimulation));
    }

    @Override
    public Learning learn(int action, double reward, double stimulation) {
        double probability = selectedArm() == action ? 1 : 0;
        double predictionError = reward - values[action];
        total = discount * total + 1;
        for (int a = 0; a < counts.length; a++) {
            counts[a] *= discount;
        }
        counts[action] += 1;
        tried[action] = true;
        values[action] += learningRate * predictionError;
        return new Learning(action, reward, predictionError, probability, signals(0));
    }

    @Override
    public Signals signals(double stimulation) {
        return new Signals(learningRate, Double.NaN, Double.NaN, Double.NaN, values.clone());
    }

    @Override
    public byte[] saveState() {
        return new StateWriter(NAME, values.length)
                .writeDoubles(values)
                .writeDoubles(counts)
                .writeBooleans(tried)
                .writeDouble(total)
                .toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        // Read everything before changing anything, so a corrupt state leaves the agent as it was.
        var in = new StateReader(state, NAME, values.length);
        double[] savedValues = new double[values.length];
        double[] savedCounts = new double[counts.length];
        boolean[] savedTried = new boolean[tried.length];
        in.readDoubles(savedValues);
        in.readDoubles(savedCounts);
        in.readBooleans(savedTried);
        double savedTotal = in.readDouble();
        in.end();
        System.arraycopy(savedValues, 0, values, 0, values.length);
        System.arraycopy(savedCounts, 0, counts, 0, counts.length);
        System.arraycopy(savedTried, 0, tried, 0, tried.length);
        total = savedTotal;
    }
}
