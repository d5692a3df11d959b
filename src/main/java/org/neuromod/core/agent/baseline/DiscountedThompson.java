package org.neuromod.core.agent.baseline;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Learning;
import org.neuromod.core.agent.ParameterSpec;
import org.neuromod.core.agent.RandomGenerators;
import org.neuromod.core.agent.Signals;
import org.neuromod.core.agent.Softmax;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;

/**
 * Discounted Thompson sampling with Gaussian rewards: the discounting of the posterior's
 * sufficient statistics of Raj &amp; Kalyani 2017 ("Taming non-stationary bandits: a Bayesian
 * approach", arXiv 1707.09727, algorithm dTS, there for Bernoulli rewards) applied to the
 * Gaussian conjugate model of Gaussian Thompson sampling (Agrawal &amp; Goyal 2013, "Further optimal
 * regret bounds for Thompson sampling", AISTATS), with a known observation noise.
 *
 * <pre>
 *   statistics per arm: discounted count n_a, discounted reward sum s_a, both 0 initially
 *   posterior of the mean of arm a:  N(m_a, v_a) with
 *       1 / v_a = 1/σ₀² + n_a/σ²,     m_a = v_a (μ₀/σ₀² + s_a/σ²)
 *   policy:  π[a] = P(θ_a = max_b θ_b),  θ_b ~ N(m_b, v_b) independently
 *   after each trial with arm a and reward r:
 *       n_b ← γ n_b,  s_b ← γ s_b  for every arm b,   then  n_a ← n_a + 1,  s_a ← s_a + r
 * </pre>
 *
 * An arm left alone forgets towards the prior N(μ₀, σ₀²), so it is explored again after a change.
 *
 * <p><b>Probabilities.</b> Thompson sampling is probability matching: it plays each arm with the
 * posterior probability that the arm is best. This implementation computes those probabilities
 * and draws the arm from them with one uniform number from the agent's generator, so the
 * probability reported with every decision is exactly the one the arm was drawn with (drawing one
 * θ per arm would give the same distribution, but its reported probability would then be an
 * approximation of the draw). With u = Φ((x − m_a)/√v_a),
 *
 * <pre>
 *   π[a] = ∫₀¹ Π_{b≠a} Φ((m_a + √v_a Φ⁻¹(u) − m_b) / √v_b) du
 * </pre>
 *
 * is computed by 32-point Gauss-Legendre quadrature in u (deterministic; no random numbers), then
 * normalised to sum exactly to 1. Integrating over the quantiles of arm a stays accurate when the
 * posteriors have very different widths. Arms whose posterior lies more than {@value #REACH}
 * standard deviations below another arm's get probability 0 (the true value is below 1e-16) and
 * are left out of the products; arms still at the prior are treated as one group. The cost is
 * O(c²) per decision for c arms in contention.
 *
 * <p>The agent has no temperature: stimulation is ignored. Signals: values m (posterior means),
 * expected uncertainty σ (the assumed observation noise), unexpected uncertainty the mean over
 * arms of the posterior standard deviation √v_a; learning rate and temperature are NaN (the gain
 * differs per arm). The prediction error is r − m_a before learning.
 */
public final class DiscountedThompson implements Agent {

    public static final String NAME = "discounted-thompson";

    public static final AgentType TYPE = new AgentType(
            NAME,
            "Gaussian Thompson sampling whose posterior forgets with a discount, so it re-explores after a change.",
            List.of(
                    ParameterSpec.Numeric.real(
                            "discount", 0.99, 0, 1, "Discount γ applied to every arm's statistics after each trial."),
                    ParameterSpec.Numeric.real("priorMean", 0, -1e6, 1e6, "Prior mean μ₀ of every arm's reward mean."),
                    ParameterSpec.Numeric.real(
                            "priorStandardDeviation",
                            5,
                            1e-6,
                            1e6,
                            "Prior standard deviation σ₀ of every arm's reward mean; set it to the spread of the means."),
                    ParameterSpec.Numeric.real(
                            "observationNoise",
                            1,
                            1e-6,
                            1e6,
                            "Assumed standard deviation σ of a reward around its arm's mean.")),
            false,
            DiscountedThompson::new);

    /** Standard deviations beyond which an arm cannot be the best (Φ(−8.5) ≈ 1e-17). */
    static final double REACH = 8.5;

    private static final int QUADRATURE_POINTS = 32;
    private static final double[] QUANTILES = new double[QUADRATURE_POINTS];
    private static final double[] WEIGHTS = new double[QUADRATURE_POINTS];

    static {
        GaussIntegrator legendre = new GaussIntegratorFactory().legendre(QUADRATURE_POINTS, 0, 1);
        for (int j = 0; j < QUADRATURE_POINTS; j++) {
            QUANTILES[j] = Math.sqrt(2) * Erf.erfInv(2 * legendre.getPoint(j) - 1);
            WEIGHTS[j] = legendre.getWeight(j);
        }
    }

    private final double discount;
    private final double priorMean;
    private final double priorPrecision;
    private final double observationPrecision;
    private final double observationNoise;
    private final RestorableUniformRandomProvider random;
    private final double[] counts;
    private final double[] sums;

    private final double[] means;
    private final double[] deviations;
    private final int[] contenders;
    private final double[] cachedPolicy;
    private boolean policyCurrent;

    public DiscountedThompson(AgentSetup setup) {
        this.discount = setup.parameters().number("discount");
        this.priorMean = setup.parameters().number("priorMean");
        double priorDeviation = setup.parameters().number("priorStandardDeviation");
        this.priorPrecision = 1 / (priorDeviation * priorDeviation);
        this.observationNoise = setup.parameters().number("observationNoise");
        this.observationPrecision = 1 / (observationNoise * observationNoise);
        this.random = RandomGenerators.seeded(setup.seed());
        int arms = setup.arms();
        this.counts = new double[arms];
        this.sums = new double[arms];
        this.means = new double[arms];
        this.deviations = new double[arms];
        this.contenders = new int[arms];
        this.cachedPolicy = new double[arms];
    }

    @Override
    public int arms() {
        return counts.length;
    }

    private boolean atPrior(int arm) {
        return counts[arm] == 0 && sums[arm] == 0;
    }

    private void computePosterior() {
        for (int a = 0; a < counts.length; a++) {
            double precision = priorPrecision + counts[a] * observationPrecision;
            means[a] = (priorMean * priorPrecision + sums[a] * observationPrecision) / precision;
            deviations[a] = 1 / Math.sqrt(precision);
        }
    }

    /** Fills {@link #cachedPolicy} with P(arm a has the largest posterior draw), unless it is still current. */
    private void ensurePolicy() {
        if (policyCurrent) {
            return;
        }
        computePosterior();
        double floor = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < counts.length; a++) {
            floor = Math.max(floor, means[a] - REACH * deviations[a]);
        }
        // Arms at the prior share one posterior: one representative stands for the whole group.
        int priorArm = -1;
        int priorArms = 0;
        int contending = 0;
        for (int a = 0; a < counts.length; a++) {
            if (atPrior(a)) {
                priorArms++;
                if (priorArm < 0) {
                    priorArm = a;
                }
            } else if (means[a] + REACH * deviations[a] >= floor) {
                contenders[contending++] = a;
            }
        }
        boolean priorContends = priorArm >= 0 && means[priorArm] + REACH * deviations[priorArm] >= floor;
        Arrays.fill(cachedPolicy, 0);
        double total = 0;
        for (int c = 0; c < contending; c++) {
            int arm = contenders[c];
            cachedPolicy[arm] = probabilityBest(arm, contending, priorContends ? priorArm : -1, priorArms);
            total += cachedPolicy[arm];
        }
        double priorProbability = 0;
        if (priorContends) {
            priorProbability = probabilityBest(priorArm, contending, priorArm, priorArms - 1);
            total += priorArms * priorProbability;
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            // Unreachable for finite posteriors (the arm with the highest upper quantile always has
            // mass); kept so a policy is always a distribution.
            Softmax.certain(argmaxMean(), cachedPolicy);
            policyCurrent = true;
            return;
        }
        for (int c = 0; c < contending; c++) {
            cachedPolicy[contenders[c]] /= total;
        }
        if (priorContends) {
            for (int a = 0; a < counts.length; a++) {
                if (atPrior(a)) {
                    cachedPolicy[a] = priorProbability / total;
                }
            }
        }
        policyCurrent = true;
    }

    /**
     * ∫₀¹ Π Φ(...) du for arm {@code arm} against the contenders (itself excluded) and {@code
     * priorFactors} arms at the prior ({@code priorArm < 0}: none in contention).
     */
    private double probabilityBest(int arm, int contending, int priorArm, int priorFactors) {
        double mean = means[arm];
        double deviation = deviations[arm];
        double integral = 0;
        for (int j = 0; j < QUADRATURE_POINTS; j++) {
            double x = mean + deviation * QUANTILES[j];
            double product = 1;
            for (int c = 0; c < contending && product > 0; c++) {
                int other = contenders[c];
                if (other != arm) {
                    double z = (x - means[other]) / deviations[other];
                    // Far above another arm its factor is 1 to double precision: skip the evaluation.
                    if (z < REACH) {
                        product *= StandardNormal.cdf(z);
                    }
                }
            }
            if (priorArm >= 0 && priorFactors > 0 && product > 0) {
                double priorCdf = StandardNormal.cdf((x - means[priorArm]) / deviations[priorArm]);
                product *= priorFactors == 1 ? priorCdf : Math.pow(priorCdf, priorFactors);
            }
            integral += WEIGHTS[j] * product;
        }
        return integral;
    }

    private int argmaxMean() {
        int best = 0;
        for (int a = 1; a < means.length; a++) {
            if (means[a] > means[best]) {
                best = a;
            }
        }
        return best;
    }

    @Override
    public double[] policy(double stimulation) {
        ensurePolicy();
        return cachedPolicy.clone();
    }

    @Override
    public Decision decide(double stimulation) {
        double[] probabilities = policy(stimulation);
        int action = Softmax.sample(probabilities, random);
        return new Decision(action, probabilities, signals(stimulation));
    }

    @Override
    public Learning learn(int action, double reward, double stimulation) {
        ensurePolicy();
        double probability = cachedPolicy[action];
        double predictionError = reward - means[action];
        for (int a = 0; a < counts.length; a++) {
            counts[a] *= discount;
            sums[a] *= discount;
        }
        counts[action] += 1;
        sums[action] += reward;
        policyCurrent = false;
        return new Learning(action, reward, predictionError, probability, signals(0));
    }

    @Override
    public Signals signals(double stimulation) {
        computePosterior();
        double meanDeviation = 0;
        for (double deviation : deviations) {
            meanDeviation += deviation;
        }
        meanDeviation /= deviations.length;
        return new Signals(Double.NaN, Double.NaN, observationNoise, meanDeviation, means.clone());
    }

    @Override
    public byte[] saveState() {
        return new StateWriter(NAME, counts.length)
                .writeDoubles(counts)
                .writeDoubles(sums)
                .writeRandom(random)
                .toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        // Read everything before changing anything, so a corrupt state leaves the agent as it was.
        var in = new StateReader(state, NAME, counts.length);
        double[] savedCounts = new double[counts.length];
        double[] savedSums = new double[sums.length];
        in.readDoubles(savedCounts);
        in.readDoubles(savedSums);
        var savedRandom = in.readRandomState();
        in.end();
        random.restoreState(savedRandom); // rejects a malformed generator state before anything changes
        System.arraycopy(savedCounts, 0, counts, 0, counts.length);
        System.arraycopy(savedSums, 0, sums, 0, sums.length);
        policyCurrent = false;
    }
}
