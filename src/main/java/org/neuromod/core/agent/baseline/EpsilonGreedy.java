package org.neuromod.core.agent.baseline;

import java.util.List;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Learning;
import org.neuromod.core.agent.ParameterSpec;
import org.neuromod.core.agent.RandomGenerators;
import org.neuromod.core.agent.Signals;
import org.neuromod.core.agent.Softmax;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;

/**
 * ε-greedy action selection with a constant step size, the standard tracker for non-stationary
 * bandits (Sutton &amp; Barto 2018, "Reinforcement Learning: An Introduction", 2nd ed., sections
 * 2.2-2.5).
 *
 * <pre>
 *   Q[a] = 0 initially
 *   G    = { a : Q[a] = max_b Q[b] }                      the greedy arms
 *   π[a] = ε / k + (1 − ε) / |G|   if a ∈ G,   ε / k otherwise
 *   Q[a] ← Q[a] + α (r − Q[a])
 * </pre>
 *
 * Ties among greedy arms are split evenly, which is the book's "ties broken randomly" written as a
 * probability, so the reported policy is exactly the one the arm is drawn from (one uniform number
 * per decision from the agent's generator).
 *
 * <p>The agent has no temperature: stimulation is ignored. Signals: learning rate α, values Q;
 * temperature and uncertainties are NaN.
 */
public final class EpsilonGreedy implements Agent {

    public static final String NAME = "epsilon-greedy";

    public static final AgentType TYPE = new AgentType(
            NAME,
            "Explores a uniformly random arm with probability ε, otherwise plays the best value; constant learning rate.",
            List.of(
                    ParameterSpec.Numeric.real(
                            "epsilon",
                            0.1,
                            0,
                            1,
                            "Exploration probability ε: how often a uniformly random arm is played."),
                    ParameterSpec.Numeric.real(
                            "learningRate", 0.1, 0, 1, "Constant learning rate α of the delta rule.")),
            false,
            EpsilonGreedy::new);

    private final double epsilon;
    private final double learningRate;
    private final RestorableUniformRandomProvider random;
    private final double[] values;
    private final double[] scratch;

    public EpsilonGreedy(AgentSetup setup) {
        this.epsilon = setup.parameters().number("epsilon");
        this.learningRate = setup.parameters().number("learningRate");
        this.random = RandomGenerators.seeded(setup.seed());
        this.values = new double[setup.arms()];
        this.scratch = new double[setup.arms()];
    }

    @Override
    public int arms() {
        return values.length;
    }

    private double[] probabilities(double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        int greedy = 0;
        for (double value : values) {
            if (value > max) {
                max = value;
                greedy = 1;
            } else if (value == max) {
                greedy++;
            }
        }
        double explore = epsilon / values.length;
        double exploit = (1 - epsilon) / greedy;
        for (int a = 0; a < values.length; a++) {
            out[a] = values[a] == max ? explore + exploit : explore;
        }
        return out;
    }

    @Override
    public double[] policy(double stimulation) {
        return probabilities(new double[values.length]);
    }

    @Override
    public Decision decide(double stimulation) {
        double[] probabilities = policy(stimulation);
        int action = Softmax.sample(probabilities, random);
        return new Decision(action, probabilities, signals(stimulation));
    }

    @Override
    public Learning learn(int action, double reward, double stimulation) {
        double probability = probabilities(scratch)[action];
        double predictionError = reward - values[action];
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
                .writeRandom(random)
                .toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        // Read everything before changing anything, so a corrupt state leaves the agent as it was.
        var in = new StateReader(state, NAME, values.length);
        double[] savedValues = new double[values.length];
        in.readDoubles(savedValues);
        var savedRandom = in.readRandomState();
        in.end();
        random.restoreState(savedRandom); // rejects a malformed generator state before anything changes
        System.arraycopy(savedValues, 0, values, 0, values.length);
    }
}
