package org.neuromod.core.agent.neuromodulated;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;

/**
 * The bootstrapped ensemble shared by every neuromodulated variant: {@code K} value estimates
 * {@code q[a][j]} per arm, each member learning from a trial only when its bootstrap mask is on
 * (Osband et al. 2016, "Deep exploration via bootstrapped DQN"; Lee, Liebana Garcia, Clopath &amp;
 * Dabney 2024, arXiv 2408.08446).
 *
 * <pre>
 *   q[a][j] ~ Normal(0, 0.01²) initially
 *   m_j ~ Bernoulli(p),  δ_j = r − q[a][j],  q[a][j] ← q[a][j] + α·f_j·m_j·δ_j
 *   Q̄[a] = mean_j q[a][j]
 * </pre>
 *
 * {@code f_j} is a per-member rate factor, 1 for every variant but the {@code ensemble} estimator.
 * The member means {@code Q̄} and variances are kept per arm and recomputed from scratch for the
 * updated arm, so they never drift from the members. One trial's masks and member errors stay
 * readable until the next update, for the estimators that learn from them.
 */
final class Ensemble {

    private static final double INITIAL_VALUE_SCALE = 0.01;
    private static final double FAIR = 0.5;

    private final int arms;
    private final int members;
    private final double maskProbability;
    private final double[] values;
    private final double[] meanValues;
    private final double[] spreads;
    private final double[] mask;
    private final double[] memberErrors;

    /** A fresh ensemble, every member drawn from {@code Normal(0, 0.01²)} in arm-major order. */
    Ensemble(int arms, int members, double maskProbability, UniformRandomProvider random) {
        this.arms = arms;
        this.members = members;
        this.maskProbability = maskProbability;
        this.values = new double[arms * members];
        this.meanValues = new double[arms];
        this.spreads = new double[arms];
        this.mask = new double[members];
        this.memberErrors = new double[members];
        var gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        for (int i = 0; i < values.length; i++) {
            values[i] = INITIAL_VALUE_SCALE * gaussian.sample();
        }
        refresh();
    }

    int arms() {
        return arms;
    }

    int members() {
        return members;
    }

    /** The value of member {@code j} for arm {@code a}. */
    double value(int arm, int member) {
        return values[arm * members + member];
    }

    /** {@code Q̄[a]}, the ensemble's mean value of an arm. */
    double meanValue(int arm) {
        return meanValues[arm];
    }

    /** The live per-arm means {@code Q̄}; callers must not modify it. */
    double[] meanValues() {
        return meanValues;
    }

    /** The (population) variance over members of {@code q[a][·]}: the spread of the ensemble. */
    double variance(int arm) {
        return spreads[arm];
    }

    private double computeVariance(int arm) {
        double mean = meanValues[arm];
        double sum = 0;
        int offset = arm * members;
        for (int j = 0; j < members; j++) {
            double deviation = values[offset + j] - mean;
            sum += deviation * deviation;
        }
        return sum / members;
    }

    /**
     * Draws this trial's masks, records every member's error {@code δ_j = r − q[a][j]} before the
     * update, and moves the masked members of {@code arm} towards {@code reward}.
     *
     * @param memberRateFactors {@code f_j} per member, multiplying the learning rate
     * @return {@code mean_j δ_j²} over all members, masked or not
     */
    double learn(
            int arm, double reward, double learningRate, double[] memberRateFactors, UniformRandomProvider random) {
        drawMask(random);
        int offset = arm * members;
        double sumSquaredError = 0;
        for (int j = 0; j < members; j++) {
            double error = reward - values[offset + j];
            memberErrors[j] = error;
            sumSquaredError += error * error;
            values[offset + j] += learningRate * memberRateFactors[j] * mask[j] * error;
        }
        refresh(arm);
        return sumSquaredError / members;
    }

    /** {@code m_j} of the last update: 1 if member {@code j} learned from it, else 0. */
    double mask(int member) {
        return mask[member];
    }

    /** Member {@code j}'s error {@code δ_j} in the last update, before it learned. */
    double memberError(int member) {
        return memberErrors[member];
    }

    /**
     * {@code m_j ~ Bernoulli(p)} for every member, as 0 or 1 so that updates multiply by it instead
     * of branching on a coin (a random branch is mispredicted half the time). For a fair mask one
     * 64-bit draw gives 64 exact fair coins; any other probability compares one uniform double per
     * member.
     */
    private void drawMask(UniformRandomProvider random) {
        if (maskProbability == FAIR) {
            long bits = 0;
            for (int j = 0; j < members; j++) {
                if ((j & 63) == 0) {
                    bits = random.nextLong();
                }
                mask[j] = bits & 1L;
                bits >>>= 1;
            }
        } else {
            for (int j = 0; j < members; j++) {
                mask[j] = random.nextDouble() < maskProbability ? 1 : 0;
            }
        }
    }

    private double mean(int arm) {
        double sum = 0;
        int offset = arm * members;
        for (int j = 0; j < members; j++) {
            sum += values[offset + j];
        }
        return sum / members;
    }

    /** Sets one member's value; for constructing a known state. */
    void setValue(int arm, int member, double value) {
        values[arm * members + member] = value;
        refresh(arm);
    }

    void write(StateWriter out) {
        out.writeDoubles(values);
    }

    void read(StateReader in) {
        in.readDoubles(values);
        refresh();
    }

    private void refresh() {
        for (int a = 0; a < arms; a++) {
            refresh(a);
        }
    }

    private void refresh(int arm) {
        meanValues[arm] = mean(arm);
        spreads[arm] = computeVariance(arm);
    }
}
