package org.neuromod.core.agent.baseline;

import java.util.Arrays;
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
 * Sliding-window UCB, SW-UCB (Garivier &amp; Moulines 2008, "On upper-confidence bound policies for
 * switching bandit problems", ALT 2008, arXiv 0805.3415, section 4): UCB computed only over the
 * last τ trials, so that what happened before a change is forgotten completely after τ trials.
 *
 * <pre>
 *   n        = min(t, τ)                                   trials in the window
 *   N_a      = Σ over the window of 1{a_s = a}
 *   X̄_a      = (1 / N_a) Σ over the window of r_s 1{a_s = a}
 *   a_t      = an arm with N_a = 0 (lowest index), else
 *              argmax_a X̄_a + √(ρ · ln n / N_a)              ties to the lowest index
 * </pre>
 *
 * The paper writes the bonus as B·√(ξ ln n / N_a); here ρ = B²ξ, on the same scale as {@code
 * discounted-ucb}'s ρ. The window is a ring buffer of the last τ (action, reward) pairs with
 * running per-arm counts and sums, so a trial costs O(k) and allocates nothing; the sums are
 * recomputed from the buffer once per lap of the ring so that rounding from adding and evicting
 * rewards cannot accumulate.
 *
 * <p>The policy is deterministic (probability 1 on the chosen arm); the agent has no random
 * generator, so its seed has no effect. It has no temperature: stimulation is ignored. Signals:
 * values X̄ (0 for an arm with no trial in the window); learning rate, temperature and
 * uncertainties are NaN (the window mean has no single learning rate). The prediction error is
 * r − X̄_a before the trial enters the window.
 */
public final class SlidingWindowUcb implements Agent {

    public static final String NAME = "sliding-window-ucb";

    public static final AgentType TYPE = new AgentType(
            NAME,
            "Upper-confidence-bound exploration over the last τ trials only.",
            List.of(
                    ParameterSpec.Numeric.whole(
                            "window", 1000, 1, 100_000, "Window τ: how many of the most recent trials are remembered."),
                    ParameterSpec.Numeric.real(
                            "exploration", 1, 0, 1e6, "Exploration constant ρ scaling the bonus √(ρ ln n / N_a).")),
            false,
            SlidingWindowUcb::new);

    private final double exploration;
    private final int[] windowActions;
    private final double[] windowRewards;
    private final int[] counts;
    private final double[] sums;
    private int filled;
    private int next;

    public SlidingWindowUcb(AgentSetup setup) {
        this.exploration = setup.parameters().number("exploration");
        int window = setup.parameters().whole("window");
        this.windowActions = new int[window];
        this.windowRewards = new double[window];
        this.counts = new int[setup.arms()];
        this.sums = new double[setup.arms()];
    }

    @Override
    public int arms() {
        return counts.length;
    }

    private double mean(int arm) {
        return counts[arm] == 0 ? 0 : sums[arm] / counts[arm];
    }

    /** The arm the index selects: the lowest arm absent from the window, else the highest index. */
    int selectedArm() {
        for (int a = 0; a < counts.length; a++) {
            if (counts[a] == 0) {
                return a;
            }
        }
        double scale = Math.sqrt(exploration * Math.log(filled));
        int best = 0;
        double bestIndex = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < counts.length; a++) {
            double index = mean(a) + scale / Math.sqrt(counts[a]);
            if (index > bestIndex) {
                bestIndex = index;
                best = a;
            }
        }
        return best;
    }

    @Override
    public double[] policy(double stimulation) {
        return Softmax.certain(selectedArm(), new double[counts.length]);
    }

    @Override
    public Decision decide(double stimulation) {
        int action = selectedArm();
        return new Decision(action, Softmax.certain(action, new double[counts.length]), signals(stimulation));
    }

    @Override
    public Learning learn(int action, double reward, double stimulation) {
        double probability = selectedArm() == action ? 1 : 0;
        double predictionError = reward - mean(action);
        if (filled == windowActions.length) {
            int evicted = windowActions[next];
            counts[evicted]--;
            sums[evicted] = counts[evicted] == 0 ? 0 : sums[evicted] - windowRewards[next];
        } else {
            filled++;
        }
        windowActions[next] = action;
        windowRewards[next] = reward;
        counts[action]++;
        sums[action] += reward;
        next = (next + 1) % windowActions.length;
        if (next == 0) {
            recomputeSums();
        }
        return new Learning(action, reward, predictionError, probability, signals(0));
    }

    private void recomputeSums() {
        Arrays.fill(sums, 0);
        for (int s = 0; s < filled; s++) {
            sums[windowActions[s]] += windowRewards[s];
        }
    }

    @Override
    public Signals signals(double stimulation) {
        double[] values = new double[counts.length];
        for (int a = 0; a < values.length; a++) {
            values[a] = mean(a);
        }
        return new Signals(Double.NaN, Double.NaN, Double.NaN, Double.NaN, values);
    }

    @Override
    public byte[] saveState() {
        var out = new StateWriter(NAME, counts.length).writeInt(windowActions.length);
        out.writeInt(filled).writeInt(next);
        for (int s = 0; s < filled; s++) {
            out.writeInt(windowActions[s]);
        }
        for (int s = 0; s < filled; s++) {
            out.writeDouble(windowRewards[s]);
        }
        return out.writeDoubles(sums).toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        // Read and check everything before changing anything, so a bad state leaves the agent as it was.
        var in = new StateReader(state, NAME, counts.length);
        int window = in.readInt();
        if (window != windowActions.length) {
            throw new IllegalArgumentException(
                    "state of a window of " + window + " cannot restore a window of " + windowActions.length);
        }
        int savedFilled = in.readInt();
        int savedNext = in.readInt();
        boolean positionValid = savedFilled == window
                ? savedNext >= 0 && savedNext < window
                : savedFilled >= 0 && savedFilled < window && savedNext == savedFilled;
        if (!positionValid) {
            throw new IllegalArgumentException("saved window position is corrupt");
        }
        int[] savedActions = new int[window];
        double[] savedRewards = new double[window];
        int[] savedCounts = new int[counts.length];
        for (int s = 0; s < savedFilled; s++) {
            savedActions[s] = in.readInt();
            if (savedActions[s] < 0 || savedActions[s] >= counts.length) {
                throw new IllegalArgumentException("saved window holds an arm out of range");
            }
            savedCounts[savedActions[s]]++;
        }
        for (int s = 0; s < savedFilled; s++) {
            savedRewards[s] = in.readDouble();
        }
        double[] savedSums = new double[sums.length];
        in.readDoubles(savedSums);
        in.end();
        System.arraycopy(savedActions, 0, windowActions, 0, window);
        System.arraycopy(savedRewards, 0, windowRewards, 0, window);
        System.arraycopy(savedCounts, 0, counts, 0, counts.length);
        System.arraycopy(savedSums, 0, sums, 0, sums.length);
        filled = savedFilled;
        next = savedNext;
    }
}
