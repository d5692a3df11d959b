package org.neuromod.core.fit;

/**
 * The map between a bounded parameter {@code x ∈ [a, b]} and the unbounded scale {@code z} the
 * optimiser, the Hessian and the group prior work on (as in mfit and pyEM, which fit on logit and
 * log scales). With the logistic function {@code σ(z) = 1 / (1 + e^−z)}:
 *
 * <pre>
 *   LOGIT:      x = a + (b − a)·σ(z)                          dx/dz = (b − a)·σ(z)(1 − σ(z))
 *   LOG_LOGIT:  x = exp(ln a + (ln b − ln a)·σ(z))            dx/dz = x·(ln b − ln a)·σ(z)(1 − σ(z))
 * </pre>
 *
 * {@code LOG_LOGIT} is used for strictly positive ranges spanning at least {@value #LOG_SCALE_RATIO}
 * times their lower bound (a temperature in {@code [1e-6, 1e6]}): equal steps in {@code z} are then
 * equal ratios of {@code x}, the scale on which such parameters are identified; {@code LOGIT}
 * everywhere else. Either way {@code u = σ(z)} is the position within the range on the
 * transform's own scale, and a uniform {@code u} is the uniform (or log-uniform) prior over the
 * bounds, whose density on {@code z} is the logistic density {@code σ(z)(1 − σ(z))}.
 *
 * <p>{@code z} is kept within {@code ±}{@value #Z_LIMIT}: beyond it {@code x} is within {@code
 * 2e-9·(b − a)} of a bound, and the optimiser does not wander along a flat likelihood to infinity.
 */
public enum Transform {
    LOGIT,
    LOG_LOGIT;

    /** Ranges {@code [a, b]} with {@code a > 0} and {@code b ≥ LOG_SCALE_RATIO·a} use {@link #LOG_LOGIT}. */
    public static final double LOG_SCALE_RATIO = 100;

    public static final double Z_LIMIT = 20;

    public static Transform forRange(double minimum, double maximum) {
        return minimum > 0 && maximum >= LOG_SCALE_RATIO * minimum ? LOG_LOGIT : LOGIT;
    }

    /** {@code x(z)}, within {@code [a, b]}. */
    public double toNatural(double z, double minimum, double maximum) {
        double u = logistic(z);
        double x = switch (this) {
            case LOGIT -> minimum + (maximum - minimum) * u;
            case LOG_LOGIT -> Math.exp(Math.log(minimum) + (Math.log(maximum) - Math.log(minimum)) * u);
        };
        return Math.min(maximum, Math.max(minimum, x));
    }

    /** {@code z(x)}; a value on a bound maps to {@code ±Z_LIMIT}. */
    public double toUnbounded(double x, double minimum, double maximum) {
        double u = position(x, minimum, maximum);
        return Math.max(-Z_LIMIT, Math.min(Z_LIMIT, Math.log(u) - Math.log1p(-u)));
    }

    /** {@code u}, the position of {@code x} within the range on this transform's scale, in {@code [0, 1]}. */
    public double position(double x, double minimum, double maximum) {
        double u = switch (this) {
            case LOGIT -> (x - minimum) / (maximum - minimum);
            case LOG_LOGIT -> (Math.log(x) - Math.log(minimum)) / (Math.log(maximum) - Math.log(minimum));
        };
        return Math.min(1, Math.max(0, u));
    }

    /** {@code dx/dz} at {@code z}: the Jacobian of the delta method. */
    public double derivative(double z, double minimum, double maximum) {
        double u = logistic(z);
        double slope = u * (1 - u);
        return switch (this) {
            case LOGIT -> (maximum - minimum) * slope;
            case LOG_LOGIT -> toNatural(z, minimum, maximum) * (Math.log(maximum) - Math.log(minimum)) * slope;
        };
    }

    /** {@code ln |dx/dz|} at {@code z}, computed without underflow far out. */
    public double logDerivative(double z, double minimum, double maximum) {
        double logSlope = logLogisticDensity(z);
        return switch (this) {
            case LOGIT -> Math.log(maximum - minimum) + logSlope;
            case LOG_LOGIT ->
                Math.log(toNatural(z, minimum, maximum)) + Math.log(Math.log(maximum) - Math.log(minimum)) + logSlope;
        };
    }

    /** {@code ln σ(z)(1 − σ(z))}, the log density on {@code z} of the uniform prior over the bounds. */
    public static double logLogisticDensity(double z) {
        return -Math.abs(z) - 2 * Math.log1p(Math.exp(-Math.abs(z)));
    }

    static double logistic(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
