package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A prior density of one free parameter for a {@code map} fit, on the parameter's natural scale
 * and truncated to (renormalised over) its bounds {@code [a, b]}, so the Laplace log evidence is
 * that of a proper prior.
 *
 * <ul>
 *   <li>{@code normal(mean, standardDeviation)}: {@code N(x; m, s²) / (Φ((b−m)/s) − Φ((a−m)/s))}
 *   <li>{@code beta(alpha, beta)} of the position in the range, {@code y = (x − a)/(b − a)}:
 *       {@code Beta(y; α, β) / (b − a)} (needs no truncation)
 *   <li>{@code gamma(shape, scale)}: {@code Gamma(x; k, θ) / (F(b) − F(a))}
 * </ul>
 *
 * Commons Math 3 supplies the densities and distribution functions.
 */
public sealed interface Prior {

    /** {@code ln p(x)} for {@code x} within the bounds the prior was checked against. */
    double logDensity(double x, double minimum, double maximum);

    /** Problems with this prior on the range {@code [a, b]}, empty if it is a proper density there. */
    List<String> problems(String parameter, double minimum, double maximum);

    record Normal(double mean, double standardDeviation) implements Prior {
        @Override
        public double logDensity(double x, double minimum, double maximum) {
            var normal = new NormalDistribution(null, mean, standardDeviation);
            double mass = normal.cumulativeProbability(maximum) - normal.cumulativeProbability(minimum);
            return normal.logDensity(x) - Math.log(mass);
        }

        @Override
        public List<String> problems(String parameter, double minimum, double maximum) {
            var problems = new ArrayList<String>();
            if (!Double.isFinite(mean) || !(standardDeviation > 0) || !Double.isFinite(standardDeviation)) {
                problems.add("prior of '" + parameter + "': normal needs a finite mean and a positive finite"
                        + " standardDeviation");
            } else {
                var normal = new NormalDistribution(null, mean, standardDeviation);
                if (!(normal.cumulativeProbability(maximum) - normal.cumulativeProbability(minimum) > 1e-12)) {
                    problems.add("prior of '" + parameter + "': the normal puts no mass within the bounds");
                }
            }
            return problems;
        }
    }

    record Beta(double alpha, double beta) implements Prior {
        @Override
        public double logDensity(double x, double minimum, double maximum) {
            double y = Math.min(1 - 1e-15, Math.max(1e-15, (x - minimum) / (maximum - minimum)));
            return new BetaDistribution(null, alpha, beta).logDensity(y) - Math.log(maximum - minimum);
        }

        @Override
        public List<String> problems(String parameter, double minimum, double maximum) {
            if (!(alpha > 0 && beta > 0 && Double.isFinite(alpha) && Double.isFinite(beta))) {
                return List.of("prior of '" + parameter + "': beta needs positive finite alpha and beta");
            }
            return List.of();
        }
    }

    record Gamma(double shape, double scale) implements Prior {
        @Override
        public double logDensity(double x, double minimum, double maximum) {
            var gamma = new GammaDistribution(null, shape, scale);
            double mass = gamma.cumulativeProbability(maximum) - gamma.cumulativeProbability(minimum);
            return gamma.logDensity(Math.max(x, Double.MIN_NORMAL)) - Math.log(mass);
        }

        @Override
        public List<String> problems(String parameter, double minimum, double maximum) {
            var problems = new ArrayList<String>();
            if (!(shape > 0 && scale > 0 && Double.isFinite(shape) && Double.isFinite(scale))) {
                problems.add("prior of '" + parameter + "': gamma needs positive finite shape and scale");
            } else if (minimum < 0) {
                problems.add("prior of '" + parameter + "': gamma needs a range within [0, ∞)");
            } else {
                var gamma = new GammaDistribution(null, shape, scale);
                if (!(gamma.cumulativeProbability(maximum) - gamma.cumulativeProbability(minimum) > 1e-12)) {
                    problems.add("prior of '" + parameter + "': the gamma puts no mass within the bounds");
                }
            }
            return problems;
        }
    }
}
