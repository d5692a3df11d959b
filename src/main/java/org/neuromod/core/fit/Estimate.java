package org.neuromod.core.fit;

/**
 * One parameter's estimate.
 *
 * @param value the estimate on the natural scale
 * @param standardError its standard error by the delta method, {@code |dx/dz|·√Σ_zz}; null when
 *     the Hessian at the optimum is not positive definite (the parameter is not identified there)
 * @param unbounded the estimate on the unbounded scale {@code z}
 * @param unboundedStandardError {@code √Σ_zz}, or null as above
 */
public record Estimate(
        String name, double value, Double standardError, double unbounded, Double unboundedStandardError) {}
