package org.neuromod.core.experiment;

import org.apache.commons.math3.stat.inference.TTest;

/**
 * One agent's final-block regret against a baseline's, over seeds, with two two-sided t-tests:
 * Welch's unequal-variances test (as the paper reports), and the paired test that the experiment's
 * design allows, since seed index {@code i} gives both agents the same environment realisation.
 *
 * @param baseline the label of the baseline agent
 * @param meanDifference the agent's mean minus the baseline's (negative: lower regret)
 * @param welchT Welch's t statistic
 * @param welchPValue its two-sided p-value
 * @param pairedT the paired t statistic over seed indices
 * @param pairedPValue its two-sided p-value
 */
public record BaselineComparison(
        String baseline,
        double meanDifference,
        double welchT,
        double welchPValue,
        double pairedT,
        double pairedPValue) {

    /**
     * Compares {@code sample} with {@code reference}, value {@code i} of each from seed index
     * {@code i}; each needs at least two values. A statistic that is undefined (both samples, or
     * all differences, constant) is NaN.
     */
    public static BaselineComparison of(String baseline, double[] sample, double[] reference) {
        var test = new TTest();
        double difference = Estimate.of(sample).mean() - Estimate.of(reference).mean();
        double welchT = Double.NaN;
        double welchP = Double.NaN;
        if (Estimate.of(sample).standardError() > 0 || Estimate.of(reference).standardError() > 0) {
            welchT = test.t(sample, reference);
            welchP = test.tTest(sample, reference);
        }
        double pairedT = Double.NaN;
        double pairedP = Double.NaN;
        if (sample.length == reference.length
                && Estimate.of(differences(sample, reference)).standardError() > 0) {
            pairedT = test.pairedT(sample, reference);
            pairedP = test.pairedTTest(sample, reference);
        }
        return new BaselineComparison(baseline, difference, welchT, welchP, pairedT, pairedP);
    }

    private static double[] differences(double[] sample, double[] reference) {
        var differences = new double[sample.length];
        for (int i = 0; i < sample.length; i++) {
            differences[i] = sample[i] - reference[i];
        }
        return differences;
    }
}
