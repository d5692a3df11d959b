package org.neuromod.core.fit;

/**
 * A parameter the fit estimates, within {@code [minimum, maximum]}, optimised on the unbounded
 * scale of its {@link Transform}.
 *
 * @param prior its prior density for a {@code map} fit; null means uniform over the bounds (on
 *     the transform's scale: log-uniform for a {@link Transform#LOG_LOGIT} range)
 */
public record FreeParameter(String name, double minimum, double maximum, Prior prior) {

    public Transform transform() {
        return Transform.forRange(minimum, maximum);
    }

    public double toNatural(double z) {
        return transform().toNatural(z, minimum, maximum);
    }

    public double toUnbounded(double x) {
        return transform().toUnbounded(x, minimum, maximum);
    }

    /** {@code dx/dz} at {@code z}. */
    public double derivative(double z) {
        return transform().derivative(z, minimum, maximum);
    }

    /**
     * {@code ln p(z)}: the prior (uniform over the bounds when none is given) as a density on the
     * unbounded scale, {@code ln p(x(z)) + ln |dx/dz|}.
     */
    public double logPriorOnUnbounded(double z) {
        if (prior == null) {
            return Transform.logLogisticDensity(z);
        }
        return prior.logDensity(toNatural(z), minimum, maximum) + transform().logDerivative(z, minimum, maximum);
    }
}
