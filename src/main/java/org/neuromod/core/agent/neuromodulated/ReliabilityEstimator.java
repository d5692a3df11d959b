package org.neuromod.core.agent.neuromodulated;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;

/**
 * The reliability estimator, the default of the {@code neuromodulated} agent: the construction Lee,
 * Liebana Garcia, Clopath &amp; Dabney (2024, arXiv 2408.08446) used for their bandit results. A
 * global surprise trace {@code U} follows the members' squared prediction errors and gives the
 * unexpected uncertainty (noradrenaline, Yu &amp; Dayan 2005); every member's running second moment
 * {@code s[a][j]} of the reward gives the expected uncertainty.
 *
 * <pre>
 *   s[a][j] ~ |Normal(0, 0.1²)|,  U = 10·u²,  u ~ Uniform(0, 1)      initially
 *   E = c·√U
 *   A = √( mean over a, j of s[a][j] )
 *   α = min(1, α₀ + E / (E + A))                                   (0 in the ratio when E + A = 0)
 * learning from (a, r), for every member j with mask m_j and δ_j = r − q[a][j] before updating:
 *   q[a][j] ← q[a][j] + α·m_j·δ_j
 *   s[a][j] ← s[a][j] + 2α·m_j·(r² − s[a][j])
 *   U       ← U + η·(mean_j δ_j² − U)
 * </pre>
 *
 * With {@code α > 1/2} the second-moment step overshoots and a member's {@code s} can turn negative
 * for a while; {@code A} takes the square root of the mean clipped at 0 so it stays real.
 */
final class ReliabilityEstimator implements UncertaintyEstimator {

    static final String NAME = "reliability";

    private static final double INITIAL_SECOND_MOMENT_SCALE = 0.1;
    private static final double INITIAL_SURPRISE_SCALE = 10;

    private final Ensemble ensemble;
    private final double surpriseScale;
    private final double learningRateFloor;
    private final double surpriseRate;
    private final double[] memberRateFactors;
    private final double[] secondMoments;
    private final double[] armSecondMoments;
    private double surprise;

    ReliabilityEstimator(Ensemble ensemble, Parameters parameters, UniformRandomProvider random) {
        this.ensemble = ensemble;
        this.surpriseScale = parameters.number(NeuromodulatedAgent.SURPRISE_SCALE.name());
        this.learningRateFloor = parameters.number(NeuromodulatedAgent.LEARNING_RATE_FLOOR.name());
        this.surpriseRate = parameters.number(NeuromodulatedAgent.SURPRISE_RATE.name());
        int members = ensemble.members();
        this.memberRateFactors = NeuromodulatedAgent.ones(members);
        this.secondMoments = new double[ensemble.arms() * members];
        this.armSecondMoments = new double[ensemble.arms()];
        var gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        for (int i = 0; i < secondMoments.length; i++) {
            secondMoments[i] = Math.abs(INITIAL_SECOND_MOMENT_SCALE * gaussian.sample());
        }
        double u = random.nextDouble();
        this.surprise = INITIAL_SURPRISE_SCALE * u * u;
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
        return surpriseScale * Math.sqrt(surprise);
    }

    @Override
    public double expectedUncertainty() {
        double sum = 0;
        for (double armSecondMoment : armSecondMoments) {
            sum += armSecondMoment;
        }
        return Math.sqrt(Math.max(0, sum / armSecondMoments.length));
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
        double learningRate = learningRate();
        double meanSquaredError = ensemble.learn(arm, reward, learningRate, memberRateFactors, random);
        double secondMomentRate = 2 * learningRate;
        double squaredReward = reward * reward;
        int members = ensemble.members();
        int offset = arm * members;
        for (int j = 0; j < members; j++) {
            secondMoments[offset + j] +=
                    secondMomentRate * ensemble.mask(j) * (squaredReward - secondMoments[offset + j]);
        }
        armSecondMoments[arm] = armMean(arm);
        surprise += surpriseRate * (meanSquaredError - surprise);
    }

    /** {@code s[a][j]}. */
    double secondMoment(int arm, int member) {
        return secondMoments[arm * ensemble.members() + member];
    }

    void setSecondMoment(int arm, int member, double value) {
        secondMoments[arm * ensemble.members() + member] = value;
        armSecondMoments[arm] = armMean(arm);
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
        out.writeDoubles(secondMoments).writeDouble(surprise);
    }

    @Override
    public void read(StateReader in) {
        in.readDoubles(secondMoments);
        surprise = in.readDouble();
        refresh();
    }

    private double armMean(int arm) {
        int members = ensemble.members();
        int offset = arm * members;
        double sum = 0;
        for (int j = 0; j < members; j++) {
            sum += secondMoments[offset + j];
        }
        return sum / members;
    }

    private void refresh() {
        for (int a = 0; a < armSecondMoments.length; a++) {
            armSecondMoments[a] = armMean(a);
        }
    }
}
