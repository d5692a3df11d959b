package org.neuromod.core.fit;

import java.util.Map;

/**
 * One optimiser start of one subject's fit.
 *
 * @param start where it began, natural scale, by parameter name
 * @param estimate where it ended, natural scale, by parameter name
 * @param logLikelihood {@code ln L} where it ended
 * @param objective the maximised objective where it ended: {@code ln L} for {@code mle}, {@code
 *     ln L + ln p(z)} for {@code map} and the hierarchical E-step
 * @param converged whether the optimiser met its stopping rule within its evaluation budget
 */
public record StartResult(
        Map<String, Double> start,
        Map<String, Double> estimate,
        double logLikelihood,
        double objective,
        int evaluations,
        boolean converged) {}
