package org.neuromod.core.experiment;

/** A curve averaged over seeds: at every point, the mean and its standard error. */
public record Curve(double[] mean, double[] standardError) {

    /**
     * The pointwise estimate over seeds; a NaN point (undefined in that seed) is left out of that
     * point's estimate.
     *
     * @param perSeed one array of equal length per seed
     */
    public static Curve over(double[][] perSeed) {
        int points = perSeed.length == 0 ? 0 : perSeed[0].length;
        var mean = new double[points];
        var standardError = new double[points];
        var column = new double[perSeed.length];
        for (int point = 0; point < points; point++) {
            for (int seed = 0; seed < perSeed.length; seed++) {
                column[seed] = perSeed[seed][point];
            }
            Estimate estimate = Estimate.of(column);
            mean[point] = estimate.mean();
            standardError[point] = estimate.standardError();
        }
        return new Curve(mean, standardError);
    }

    /** Whether the curve has no defined point (the agent does not have this signal). */
    public boolean undefined() {
        for (double x : mean) {
            if (!Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }
}
