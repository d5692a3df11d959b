package org.neuromod.core.experiment;

import org.apache.commons.math3.stat.inference.TTest;

/**
 * Welch's unequal-variances t-test of one agent's final-block regret against a baseline's, over
 * seeds (two-sided).
 *
 * @param baseline the label of the baseline agent
 * @param meanDifference the agent's mean minus the baseline's (negative: lower regret)
 * @param t the t statistic
 * @param pValue the two-sided p-value; NaN when undefined (both samples constant)
 */
public record WelchTest(String baseline, double meanDifference, double t, double pValue) {

    /** Tests {@code sample} against {@code reference}; each needs at least two values. */
    public static WelchTest of(String baseline, double[] sample, double[] reference) {
        double difference = Estimate.of(sample).mean() - Estimate.of(reference).mean();
        // Two constant samples leave the statistic and its degrees of freedom undefined.
        if (Estimate.of(sample).standardError() == 0 && Estimate.of(reference).standardError() == 0) {
            return new WelchTest(baseline, difference, Double.NaN, Double.NaN);
        }
        var test = new TTest();
        return new WelchTest(baseline, difference, test.t(sample, reference), test.tTest(sample, reference));
    }
}
