package org.neuromod.core.experiment;

/**
 * The mean of a quantity over seeds and its standard error {@code s / √n} (sample standard
 * deviation {@code s}). The standard error is NaN with fewer than two samples; both are NaN with
 * none.
 */
public record Estimate(double mean, double standardError, int samples) {

    /** The estimate over {@code samples}, leaving out NaN values (a quantity undefined in that run). */
    public static Estimate of(double[] samples) {
        int n = 0;
        double sum = 0;
        for (double x : samples) {
            if (!Double.isNaN(x)) {
                n++;
                sum += x;
            }
        }
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(mean, Double.NaN, 1);
        }
        double squares = 0;
        for (double x : samples) {
            if (!Double.isNaN(x)) {
                squares += (x - mean) * (x - mean);
            }
        }
        return new Estimate(mean, Math.sqrt(squares / (n - 1) / n), n);
    }
}
