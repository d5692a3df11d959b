package org.neuromod.core.fit;

import java.util.List;

/**
 * One subject's fit: the estimates with their uncertainty, the goodness of fit and every start.
 *
 * @param trials every trial of the subject
 * @param responses the trials with a response, the {@code n} of the BIC
 * @param correlation the correlation matrix of the estimates (on the unbounded scale, which the
 *     delta method carries over unchanged since the transforms are increasing); null when the
 *     Hessian is not positive definite
 * @param covariance the Laplace covariance {@code Σ = H⁻¹} on the unbounded scale, or null
 * @param logLikelihood {@code ln L} at the estimates
 * @param aic {@code 2d − 2 ln L}
 * @param bic {@code d ln n − 2 ln L}
 * @param logEvidence the Laplace approximation {@code ln L + ln p(ẑ) + (d/2) ln 2π − ½ ln det H}
 *     (the prior of a {@code mle} fit taken uniform over the bounds); null when {@code H} is not
 *     positive definite
 * @param unboundedEstimates the estimates on the unbounded scale, in the model's order
 * @param naturalEstimates the estimates on the natural scale, in the model's order
 */
public record SubjectFit(
        String label,
        int trials,
        int responses,
        List<Estimate> estimates,
        double[][] correlation,
        double[][] covariance,
        double logLikelihood,
        double aic,
        double bic,
        Double logEvidence,
        List<StartResult> starts,
        double[] unboundedEstimates,
        double[] naturalEstimates) {

    /** The estimate of a parameter by name. */
    public Estimate estimate(String name) {
        return estimates.stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no free parameter '" + name + "'"));
    }
}
