package org.neuromod.core.fit;

/** A log prior density {@code ln p(z)} of all free parameters on the unbounded scale. */
@FunctionalInterface
interface UnboundedPrior {

    double logDensity(double[] z);

    /** No prior: the objective is the likelihood alone ({@code mle}). */
    UnboundedPrior FLAT = z -> 0;

    /** Each parameter's prior ({@link FreeParameter#logPriorOnUnbounded}), independent. */
    static UnboundedPrior of(Model model) {
        return z -> {
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                sum += model.free().get(i).logPriorOnUnbounded(z[i]);
            }
            return sum;
        };
    }

    /** Uniform over every parameter's bounds (on its transform's scale): the logistic density on {@code z}. */
    UnboundedPrior UNIFORM_OVER_BOUNDS = z -> {
        double sum = 0;
        for (double zi : z) {
            sum += Transform.logLogisticDensity(zi);
        }
        return sum;
    };

    /** Independent {@code N(μ_i, σ_i²)} on {@code z}: the group prior of a hierarchical fit. */
    static UnboundedPrior gaussian(double[] means, double[] variances) {
        return z -> {
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                double d = z[i] - means[i];
                sum += -0.5 * (Math.log(2 * Math.PI * variances[i]) + d * d / variances[i]);
            }
            return sum;
        };
    }
}
