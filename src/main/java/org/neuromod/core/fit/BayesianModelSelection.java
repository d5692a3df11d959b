package org.neuromod.core.fit;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.neuromod.core.agent.RandomGenerators;

/**
 * Random-effects Bayesian model selection: which model is most frequent in the population, when
 * each subject may follow a different one (Stephan, Penny, Daunizeau, Moran &amp; Friston 2009,
 * "Bayesian model selection for group studies", NeuroImage 46:1004; Rigoux, Stephan, Friston &amp;
 * Daunizeau 2014, "Bayesian model selection for group studies — revisited", NeuroImage 84:971).
 *
 * <p>Given {@code L[n][k] = ln p(y_n | m_k)} (each subject's log evidence under each model), the
 * model frequencies {@code r ~ Dir(α₀ = 1)} and each subject's model {@code m_n ~ Mult(r)} are
 * inferred by variational Bayes:
 *
 * <pre>
 *   repeat until α moves by less than 1e-10:
 *     u_nk = exp(L_nk + ψ(α_k) − ψ(Σ_k α_k))           (normalised over k, in log space)
 *     g_nk = u_nk / Σ_k u_nk                            (posterior probability of model k for subject n)
 *     α_k  = α₀ + Σ_n g_nk
 *   expected frequency     E[r_k] = α_k / Σ α
 *   exceedance probability φ_k = P(r_k > r_j for all j ≠ k | α)
 *                                (K = 2: 1 − I_{1/2}(α_k, α_j) exactly; else 10⁶ seeded Dirichlet draws)
 *   free energy            F₁ = Σ_nk g_nk (L_nk + E ln r_k − ln g_nk) + E ln Dir(r; α₀) + H[Dir(α)]
 *   null evidence          F₀ = Σ_n ln( (1/K) Σ_k exp L_nk )          (all frequencies equal)
 *   Bayesian omnibus risk  BOR = 1 / (1 + exp(F₁ − F₀))
 *   protected exceedance   φ̃_k = (1 − BOR)·φ_k + BOR / K
 * </pre>
 */
public final class BayesianModelSelection {

    static final int SAMPLES = 1_000_000;
    private static final int MAX_ITERATIONS = 10_000;

    /**
     * @param alpha the posterior Dirichlet parameters
     * @param frequencies the expected model frequencies {@code E[r_k]}
     * @param exceedance the exceedance probabilities
     * @param protectedExceedance the protected exceedance probabilities
     * @param omnibusRisk the Bayesian omnibus risk: the posterior probability that all models are
     *     equally frequent
     * @param subjectPosteriors {@code g[n][k]}
     */
    public record Result(
            double[] alpha,
            double[] frequencies,
            double[] exceedance,
            double[] protectedExceedance,
            double omnibusRisk,
            double[][] subjectPosteriors) {}

    private BayesianModelSelection() {}

    /** @param logEvidence {@code [subjects][models]}, finite, at least 2 models and 1 subject */
    public static Result compare(double[][] logEvidence, long seed) {
        int n = logEvidence.length;
        int k = logEvidence[0].length;
        double alpha0 = 1;
        double[] alpha = new double[k];
        java.util.Arrays.fill(alpha, alpha0);
        double[][] g = new double[n][k];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double digammaSum = Gamma.digamma(sum(alpha));
            double[] next = new double[k];
            java.util.Arrays.fill(next, alpha0);
            for (int s = 0; s < n; s++) {
                double max = Double.NEGATIVE_INFINITY;
                double[] log = new double[k];
                for (int m = 0; m < k; m++) {
                    log[m] = logEvidence[s][m] + Gamma.digamma(alpha[m]) - digammaSum;
                    max = Math.max(max, log[m]);
                }
                double total = 0;
                for (int m = 0; m < k; m++) {
                    g[s][m] = Math.exp(log[m] - max);
                    total += g[s][m];
                }
                for (int m = 0; m < k; m++) {
                    g[s][m] /= total;
                    next[m] += g[s][m];
                }
            }
            double change = 0;
            for (int m = 0; m < k; m++) {
                change = Math.max(change, Math.abs(next[m] - alpha[m]));
            }
            alpha = next;
            if (change < 1e-10) {
                break;
            }
        }
        double alphaSum = sum(alpha);
        double[] frequencies = new double[k];
        for (int m = 0; m < k; m++) {
            frequencies[m] = alpha[m] / alphaSum;
        }
        double[] exceedance = exceedance(alpha, seed);
        double f1 = freeEnergy(logEvidence, g, alpha, alpha0);
        double f0 = 0;
        for (double[] row : logEvidence) {
            double max = Double.NEGATIVE_INFINITY;
            for (double l : row) {
                max = Math.max(max, l);
            }
            double total = 0;
            for (double l : row) {
                total += Math.exp(l - max);
            }
            f0 += max + Math.log(total / k);
        }
        double bor = 1 / (1 + Math.exp(f1 - f0));
        double[] protectedExceedance = new double[k];
        for (int m = 0; m < k; m++) {
            protectedExceedance[m] = (1 - bor) * exceedance[m] + bor / k;
        }
        return new Result(alpha, frequencies, exceedance, protectedExceedance, bor, g);
    }

    private static double freeEnergy(double[][] logEvidence, double[][] g, double[] alpha, double alpha0) {
        int k = alpha.length;
        double alphaSum = sum(alpha);
        double[] expectedLogR = new double[k];
        for (int m = 0; m < k; m++) {
            expectedLogR[m] = Gamma.digamma(alpha[m]) - Gamma.digamma(alphaSum);
        }
        double f = 0;
        for (int s = 0; s < logEvidence.length; s++) {
            for (int m = 0; m < k; m++) {
                if (g[s][m] > 0) {
                    f += g[s][m] * (logEvidence[s][m] + expectedLogR[m] - Math.log(g[s][m]));
                }
            }
        }
        // E ln Dir(r; α₀) under Dir(α)
        f += Gamma.logGamma(k * alpha0) - k * Gamma.logGamma(alpha0);
        for (int m = 0; m < k; m++) {
            f += (alpha0 - 1) * expectedLogR[m];
        }
        // entropy of Dir(α)
        double logBeta = -Gamma.logGamma(alphaSum);
        for (double a : alpha) {
            logBeta += Gamma.logGamma(a);
        }
        double entropy = logBeta + (alphaSum - k) * Gamma.digamma(alphaSum);
        for (double a : alpha) {
            entropy -= (a - 1) * Gamma.digamma(a);
        }
        return f + entropy;
    }

    private static double[] exceedance(double[] alpha, long seed) {
        int k = alpha.length;
        double[] exceedance = new double[k];
        if (k == 2) {
            // P(r_1 > 1/2) for r_1 ~ Beta(α_1, α_2)
            exceedance[0] = 1 - Beta.regularizedBeta(0.5, alpha[0], alpha[1]);
            exceedance[1] = 1 - exceedance[0];
            return exceedance;
        }
        UniformRandomProvider random = RandomGenerators.seeded(seed);
        var samplers = new ContinuousSampler[k];
        for (int m = 0; m < k; m++) {
            samplers[m] = AhrensDieterMarsagliaTsangGammaSampler.of(random, alpha[m], 1);
        }
        // Normalising the Gamma draws to a Dirichlet draw does not change which is largest.
        for (int s = 0; s < SAMPLES; s++) {
            int best = 0;
            double bestValue = -1;
            for (int m = 0; m < k; m++) {
                double value = samplers[m].sample();
                if (value > bestValue) {
                    bestValue = value;
                    best = m;
                }
            }
            exceedance[best]++;
        }
        for (int m = 0; m < k; m++) {
            exceedance[m] /= SAMPLES;
        }
        return exceedance;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
