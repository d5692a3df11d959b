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
 * The full oracle (Lee, Liebana Garcia, Clopath &amp; Dabney 2024, arXiv 2408.08446):
 * both uncertainties taken from the environment's truth, the upper bound of what uncertainty-driven
 * neuromodulation can reach. Simulation only.
 *
 * <pre>
 *   E* = mean_a (μ_a − Q̄_a)²                                     (the ensemble's true error)
 *   A  = mean_a σ_a
 *   α  = E* / (E* + A)                                          (0 when E* + A = 0)
 *   T  = g·stimulation + E*     (g = stimulationGain)
 * learning from (a, r), for every member j with mask m_j and δ_j = r − q[a][j] before updating:
 *   q[a][j] ← q[a][j] + α·m_j·δ_j
 * </pre>
 *
 * It keeps the ensemble, its bootstrap masks and the uniform choice among untried arms of the reliability
 * estimator, so that it differs from the {@code neuromodulated} agent only in where its
 * uncertainties come from; it has no learned uncertainty state of its own. Since {@code E*} is
 * measured against the live truth, {@code α} and {@code T} jump the moment the context changes.
 */
public final class FullOracle implements UncertaintyEstimator {

    public static final String NAME = "full-oracle";

    public static final AgentType TYPE = new AgentType(
            NAME,
            "The neuromodulated agent told both its true estimation error and the true reward noise"
                    + " (simulation only; the upper bound).",
            List.of(
                    NeuromodulatedAgent.POLICY_INPUT,
                    NeuromodulatedAgent.ENSEMBLE_SIZE,
                    NeuromodulatedAgent.MASK_PROBABILITY,
                    StimulationGain.SPEC),
            true,
            setup -> new NeuromodulatedAgent(NAME, setup, FullOracle::new));

    private final Ensemble ensemble;
    private final EnvironmentTruth truth;
    private final double[] memberRateFactors;

    FullOracle(Ensemble ensemble, Parameters parameters, EnvironmentTruth truth, UniformRandomProvider random) {
        this.ensemble = ensemble;
        this.truth = NeuromodulatedAgent.requireTruth(truth, ensemble.arms());
        this.memberRateFactors = NeuromodulatedAgent.ones(ensemble.members());
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
        double[] means = truth.means();
        double sum = 0;
        for (int a = 0; a < means.length; a++) {
            double error = means[a] - ensemble.meanValue(a);
            sum += error * error;
        }
        return sum / means.length;
    }

    @Override
    public double expectedUncertainty() {
        return NeuromodulatedAgent.mean(truth.standardDeviations());
    }

    @Override
    public double learningRate() {
        return UncertaintyEstimator.gain(0, unexpectedUncertainty(), expectedUncertainty());
    }

    @Override
    public double learningRate(int arm) {
        return learningRate();
    }

    @Override
    public void learn(int arm, double reward, UniformRandomProvider random) {
        ensemble.learn(arm, reward, learningRate(), memberRateFactors, random);
    }

    @Override
    public void write(StateWriter out) {
        // The truth belongs to the environment and the ensemble to the agent: nothing of its own to save.
    }

    @Override
    public void read(StateReader in) {
        // Nothing of its own was saved; see write.
    }
}
