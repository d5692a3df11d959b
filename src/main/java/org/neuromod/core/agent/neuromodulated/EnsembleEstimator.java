package org.neuromod.core.agent.neuromodulated;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ArraySampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;

/**
 * The ensemble estimator: the paper's Eq. 2-5 taken literally, per arm (Lee, Liebana Garcia, Clopath
 * &amp; Dabney 2024, arXiv 2408.08446). The spread of the ensemble is the epistemic uncertainty
 * (unexpected, noradrenaline; Yu &amp; Dayan 2005); each member's reliability recursion tracks the
 * reward variance, the aleatoric uncertainty (expected, acetylcholine).
 *
 * <pre>
 *   s[a][j] ~ |Normal(0, 0.1²)| initially
 *   E_a = variance over j of q[a][j]                          (Eq. 2, population variance)
 *   A_a = mean_j s[a][j]                                       (Eq. 3)
 *   α_a = min(1, α₀ + E_a / (E_a + A_a))                       (Eq. 4; 0 in the ratio when E_a + A_a = 0)
 *   T   = g·stimulation + mean_a E_a                           (Eq. 4; g = stimulationGain)
 * learning from (a, r), for every member j with mask m_j and δ_j = r − q[a][j] before updating:
 *   q[a][j] ← q[a][j] + α_a·f_j·m_j·δ_j
 *   s[a][j] ← s[a][j] + η_v·m_j·(δ_j² − s[a][j])               (Eq. 5)
 * </pre>
 *
 * Without help the members agree after a few updates, {@code E_a} collapses, {@code α} decays to
 * about 0.001 and never recovers. So each member keeps a fixed rate factor {@code f_j}, a random
 * permutation of {@code 2·linspace(0, 1, K)} drawn at creation (mean 1): fast and slow learners
 * disagree after every change, which keeps the spread meaningful. The factor scales the value
 * update only; since {@code α_a·f_j ≤ 2}, {@code |1 − α_a·f_j| ≤ 1} and no member diverges.
 *
 * <p>The default {@code η_v = 0.1} averages a member's squared errors over about ten of its
 * updates, the same horizon as the reliability estimator's surprise trace, so the two estimators
 * are compared at equal memory.
 *
 * <p>Signals: {@code E = mean_a E_a}, {@code A = mean_a A_a}; the reported learning rate is {@code
 * mean_a α_a}, since the arm to be updated is not known when a trial starts.
 */
final class EnsembleEstimator implements UncertaintyEstimator {

    static final String NAME = "ensemble";

    private static final double INITIAL_VARIANCE_SCALE = 0.1;

    private final Ensemble ensemble;
    private final double learningRateFloor;
    private final double varianceRate;
    private final double[] memberRateFactors;
    private final double[] variances;
    private final double[] armVariances;

    EnsembleEstimator(Ensemble ensemble, Parameters parameters, UniformRandomProvider random) {
        this.ensemble = ensemble;
        this.learningRateFloor = parameters.number(NeuromodulatedAgent.LEARNING_RATE_FLOOR.name());
        this.varianceRate = parameters.number(NeuromodulatedAgent.VARIANCE_RATE.name());
        int members = ensemble.members();
        this.variances = new double[ensemble.arms() * members];
        this.armVariances = new double[ensemble.arms()];
        var gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        for (int i = 0; i < variances.length; i++) {
            variances[i] = Math.abs(INITIAL_VARIANCE_SCALE * gaussian.sample());
        }
        this.memberRateFactors = new double[members];
        for (int j = 0; j < members; j++) {
            memberRateFactors[j] = 2.0 * j / (members - 1);
        }
        ArraySampler.shuffle(random, memberRateFactors);
        refresh();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean readsTruth() {
        return false;
    }

    @Override
    public double unexpectedUncertainty() {
        double sum = 0;
        for (int a = 0; a < armVariances.length; a++) {
            sum += ensemble.variance(a);
        }
        return sum / armVariances.length;
    }

    @Override
    public double expectedUncertainty() {
        return mean(armVariances);
    }

    @Override
    public double learningRate() {
        double sum = 0;
        for (int a = 0; a < armVariances.length; a++) {
            sum += learningRate(a);
        }
        return sum / armVariances.length;
    }

    @Override
    public double learningRate(int arm) {
        return UncertaintyEstimator.gain(learningRateFloor, ensemble.variance(arm), armVariances[arm]);
    }

    @Override
    public void learn(int arm, double reward, UniformRandomProvider random) {
        ensemble.learn(arm, reward, learningRate(arm), memberRateFactors, random);
        int members = ensemble.members();
        int offset = arm * members;
        for (int j = 0; j < members; j++) {
            double error = ensemble.memberError(j);
            variances[offset + j] += varianceRate * ensemble.mask(j) * (error * error - variances[offset + j]);
        }
        refresh(arm);
    }

    /** {@code f_j}, member {@code j}'s fixed rate factor. */
    double memberRateFactor(int member) {
        return memberRateFactors[member];
    }

    /** {@code s[a][j]}, a member's running reward variance. */
    double variance(int arm, int member) {
        return variances[arm * ensemble.members() + member];
    }

    void setVariance(int arm, int member, double value) {
        variances[arm * ensemble.members() + member] = value;
        refresh(arm);
    }

    private void refresh(int arm) {
        int members = ensemble.members();
        int offset = arm * members;
        double sum = 0;
        for (int j = 0; j < members; j++) {
            sum += variances[offset + j];
        }
        armVariances[arm] = sum / members;
    }

    @Override
    public void write(StateWriter out) {
        out.writeDoubles(memberRateFactors).writeDoubles(variances);
    }

    @Override
    public void read(StateReader in) {
        in.readDoubles(memberRateFactors);
        in.readDoubles(variances);
        refresh();
    }

    private void refresh() {
        for (int a = 0; a < armVariances.length; a++) {
            refresh(a);
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
