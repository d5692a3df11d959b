package org.neuromod.core.agent.neuromodulated;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.EnvironmentTruth;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;
import org.neuromod.core.agent.StimulationGain;

/**
 * The aleatoric oracle (Lee, Liebana Garcia, Clopath &amp; Dabney 2024, arXiv 2408.08446): the
 * reliability estimator with the expected uncertainty replaced by the environment's true reward
 * noise, to measure what a perfect estimate of {@code A} is worth. Simulation only.
 *
 * <pre>
 *   U = 10·u²,  u ~ Uniform(0, 1)                                 initially
 *   E = c·√U
 *   A = mean_a σ_a                                                (the truth, read every trial)
 *   α = min(1, α₀ + E / (E + A)),   T = g·stimulation + E
 * learning from (a, r), for every member j with mask m_j and δ_j = r − q[a][j] before updating:
 *   q[a][j] ← q[a][j] + α·m_j·δ_j
 *   U       ← U + η·(mean_j δ_j² − U)
 * </pre>
 *
 * The members' second moments are not kept: with {@code A} given they would feed nothing. The
 * ensemble, its masks and the uniform choice among untried arms are those of the reliability estimator, so the
 * two agents differ only in {@code A}.
 */
public final class AleatoricOracle implements UncertaintyEstimator {

    public static final String NAME = "aleatoric-oracle";

    public static final AgentType TYPE = new AgentType(
            NAME,
            "The neuromodulated agent told the true reward noise of every arm as its expected uncertainty"
                    + " (simulation only).",
            List.of(
                    NeuromodulatedAgent.POLICY_INPUT,
                    NeuromodulatedAgent.ENSEMBLE_SIZE,
                    NeuromodulatedAgent.SURPRISE_SCALE,
                    NeuromodulatedAgent.LEARNING_RATE_FLOOR,
                    NeuromodulatedAgent.SURPRISE_RATE,
                    NeuromodulatedAgent.MASK_PROBABILITY,
                    StimulationGain.SPEC),
            true,
            setup -> new NeuromodulatedAgent(NAME, setup, AleatoricOracle::new));

    private static final double INITIAL_SURPRISE_SCALE = 10;

    private final Ensemble ensemble;
    private final EnvironmentTruth truth;
    private final double surpriseScale;
    private final double learningRateFloor;
    private final double surpriseRate;
    private final double[] memberRateFactors;
    private double surprise;

    AleatoricOracle(Ensemble ensemble, Parameters parameters, EnvironmentTruth truth, UniformRandomProvider random) {
        this.ensemble = ensemble;
        this.truth = NeuromodulatedAgent.requireTruth(truth, ensemble.arms());
        this.surpriseScale = parameters.number(NeuromodulatedAgent.SURPRISE_SCALE.name());
        this.learningRateFloor = parameters.number(NeuromodulatedAgent.LEARNING_RATE_FLOOR.name());
        this.surpriseRate = parameters.number(NeuromodulatedAgent.SURPRISE_RATE.name());
        this.memberRateFactors = NeuromodulatedAgent.ones(ensemble.members());
        double u = random.nextDouble();
        this.surprise = INITIAL_SURPRISE_SCALE * u * u;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean readsTruth() {
        return true;
    }

    @Override
    public double unexpectedUncertainty() {
        return surpriseScale * Math.sqrt(surprise);
    }

    @Override
    public double expectedUncertainty() {
        return NeuromodulatedAgent.mean(truth.standardDeviations());
    }

    @Override
    public double learningRate() {
        return UncertaintyEstimator.gain(learningRateFloor, unexpectedUncertainty(), expectedUncertainty());
    }

    @Override
    public double learningRate(int arm) {
        return learningRate();
    }

    @Override
    public void learn(int arm, double reward, UniformRandomProvider random) {
        double meanSquaredError = ensemble.learn(arm, reward, learningRate(), memberRateFactors, random);
        surprise += surpriseRate * (meanSquaredError - surprise);
    }

    /** The surprise trace {@code U}. */
    double surprise() {
        return surprise;
    }

    void setSurprise(double value) {
        surprise = value;
    }

    @Override
    public void write(StateWriter out) {
        out.writeDouble(surprise);
    }

    @Override
    public void read(StateReader in) {
        surprise = in.readDouble();
    }
}
