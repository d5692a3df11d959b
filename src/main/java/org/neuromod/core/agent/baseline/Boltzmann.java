package org.neuromod.core.agent.baseline;

import java.util.List;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
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
import org.neuromod.core.agent.StimulationGain;

/**
 * Boltzmann (softmax) exploration with a constant learning rate: the paper's first baseline
 * (Lee, Liebana Garcia, Clopath &amp; Dabney 2024, arXiv 2408.08446, section 4; Sutton &amp; Barto
 * 2018, section 2.8).
 *
 * <pre>
 *   Q[a] ~ Normal(0, 0.01²) initially
 *   π    = softmax(Q / (τ + g·stimulation))           (g = stimulationGain)
 *   Q[a] ← Q[a] + α (r − Q[a])
 * </pre>
 *
 * Signals: learning rate α, temperature τ + g·stimulation, values Q; no uncertainties (NaN).
 */
public final class Boltzmann implements Agent {

    public static final String NAME = "boltzmann";

    public static final AgentType TYPE = new AgentType(
            NAME,
            "Softmax over action values with a fixed temperature and a fixed learning rate (the paper's baseline).",
            List.of(
                    ParameterSpec.Numeric.real(
                            "temperature",
                            0.25,
                            1e-6,
                            1e6,
                            "Softmax temperature τ (exploration); higher explores more."),
                    ParameterSpec.Numeric.real(
                            "learningRate", 0.25, 0, 1, "Constant learning rate α of the delta rule."),
                    StimulationGain.SPEC),
            false,
            Boltzmann::new);

    private static final double INITIAL_VALUE_SCALE = 0.01;

    private final double temperature;
    private final double learningRate;
    private final double stimulationGain;
    private final RestorableUniformRandomProvider random;
    private final double[] values;
    private final double[] scratch;

    public Boltzmann(AgentSetup setup) {
        this.temperature = setup.parameters().number("temperature");
        this.learningRate = setup.parameters().number("learningRate");
        this.stimulationGain = setup.parameters().number(StimulationGain.NAME);
        this.random = RandomGenerators.seeded(setup.seed());
        this.values = new double[setup.arms()];
        this.scratch = new double[setup.arms()];
        var gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        for (int a = 0; a < values.length; a++) {
            values[a] = INITIAL_VALUE_SCALE * gaussian.sample();
        }
    }

    @Override
    public int arms() {
        return values.length;
    }

    @Override
    public double[] policy(double stimulation) {
        return Softmax.probabilities(values, temperature(stimulation), new double[values.length]);
    }

    @Override
    public Decision decide(double stimulation) {
        double[] probabilities = policy(stimulation);
        int action = Softmax.sample(probabilities, random);
        return new Decision(action, probabilities, signals(stimulation));
    }

    @Override
    public Learning learn(int action, double reward, double stimulation) {
        double probability = Softmax.probabilities(values, temperature(stimulation), scratch)[action];
        double predictionError = reward - values[action];
        values[action] += learningRate * predictionError;
        return new Learning(action, reward, predictionError, probability, signals(0));
    }

    @Override
    public Signals signals(double stimulation) {
        return new Signals(learningRate, temperature(stimulation), Double.NaN, Double.NaN, values.clone());
    }

    private double temperature(double stimulation) {
        return temperature + stimulationGain * stimulation;
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
