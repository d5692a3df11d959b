package org.neuromod.core.agent.neuromodulated;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.EnvironmentTruth;
import org.neuromod.core.agent.InvalidParameters;
import org.neuromod.core.agent.Learning;
import org.neuromod.core.agent.ParameterSpec;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.RandomGenerators;
import org.neuromod.core.agent.Signals;
import org.neuromod.core.agent.Softmax;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;
import org.neuromod.core.agent.StimulationGain;

/**
 * The neuromodulated agent of Lee, Liebana Garcia, Clopath &amp; Dabney, "Lifelong Reinforcement
 * Learning via Neuromodulation" (2024, arXiv 2408.08446): an ensemble of value estimates whose
 * uncertainty sets the learning rate, acetylcholine, and the exploration temperature,
 * noradrenaline (Doya 2002; Yu &amp; Dayan 2005). High unexpected uncertainty after an unsignalled
 * change makes it learn fast and explore; a well-known noisy world makes it learn slowly and
 * exploit.
 *
 * <p>This class holds what every variant shares, the ensemble and the choice; an {@link
 * UncertaintyEstimator} supplies the signals: {@link ReliabilityEstimator} (the default), {@link
 * EnsembleEstimator}, and the simulation-only {@link AleatoricOracle} and {@link FullOracle}.
 *
 * <pre>
 *   T     = max(g·stimulation + E, 1e-8)                 (Eq. 4; g = stimulationGain; src/docs/algorithms.md#stimulation)
 *   Q̄[a]  = mean_j q[a][j]
 *   x     = softmax(Q̄)  (policyInput = normalized)  or  Q̄  (raw)
 *   π     = softmax(x / T),  a ~ π
 * </pre>
 *
 * While some arms were never learned from, the agent draws one of them uniformly
 * (src/docs/algorithms.md#choice): each
 * of the {@code u} untried arms has probability {@code 1/u}, every tried arm 0, and that is the
 * policy reported, so a subject's choice of any untried arm scores {@code ln(1/u)} in shadow mode,
 * never {@code ln 0}. Learning marks the arm tried, whether the agent chose it or a subject did.
 *
 * <p>Signals: learning rate {@code α}, temperature {@code T} (stimulation included), expected
 * uncertainty {@code A}, unexpected uncertainty {@code E}, values {@code Q̄}.
 */
public final class NeuromodulatedAgent implements Agent {

    public static final String NAME = "neuromodulated";

    static final double MINIMUM_TEMPERATURE = 1e-8;

    static final ParameterSpec.Choice ESTIMATOR = new ParameterSpec.Choice(
            "estimator",
            ReliabilityEstimator.NAME,
            List.of(ReliabilityEstimator.NAME, EnsembleEstimator.NAME),
            "How uncertainty is estimated: 'reliability' (a global surprise trace and reward second"
                    + " moments, the authors' bandit construction) or 'ensemble' (the paper's Eq. 2-5 per arm).");

    static final ParameterSpec.Choice POLICY_INPUT = new ParameterSpec.Choice(
            "policyInput",
            "normalized",
            List.of("normalized", "raw"),
            "What the softmax policy acts on: 'normalized' (softmax of the mean values, the authors'"
                    + " code) or 'raw' (the mean values).");

    static final ParameterSpec.Numeric ENSEMBLE_SIZE = ParameterSpec.Numeric.whole(
            "ensembleSize",
            20,
            1,
            1000,
            "Number K of bootstrapped value estimates per arm (the ensemble estimator needs at least 2).");

    static final ParameterSpec.Numeric SURPRISE_SCALE = ParameterSpec.Numeric.real(
            "surpriseScale", 0.1, 0, 1000, "Scale c of the unexpected uncertainty E = c·√U.");

    static final ParameterSpec.Numeric LEARNING_RATE_FLOOR = ParameterSpec.Numeric.real(
            "learningRateFloor", 0, 0, 1, "Floor α₀ of the learning rate α = α₀ + E/(E+A), which is capped at 1.");

    static final ParameterSpec.Numeric SURPRISE_RATE = ParameterSpec.Numeric.real(
            "surpriseRate",
            0.1,
            0,
            1,
            "Rate η at which the surprise trace U follows the members' mean squared prediction error.");

    static final ParameterSpec.Numeric MASK_PROBABILITY = ParameterSpec.Numeric.real(
            "maskProbability", 0.5, 1e-6, 1, "Probability that an ensemble member learns from a trial (bootstrap).");

    static final ParameterSpec.Numeric VARIANCE_RATE = ParameterSpec.Numeric.real(
            "varianceRate",
            0.1,
            0,
            1,
            "Rate η_v at which each member's reward variance follows its squared prediction error"
                    + " (ensemble estimator).");

    public static final AgentType TYPE = new AgentType(
            NAME,
            "Ensemble softmax agent whose uncertainty sets its learning rate (ACh) and temperature (NA):"
                    + " the paper's headline agent.",
            List.of(
                    ESTIMATOR,
                    POLICY_INPUT,
                    ENSEMBLE_SIZE,
                    SURPRISE_SCALE,
                    LEARNING_RATE_FLOOR,
                    SURPRISE_RATE,
                    MASK_PROBABILITY,
                    VARIANCE_RATE,
                    StimulationGain.SPEC),
            false,
            NeuromodulatedAgent::new);

    private final String name;
    private final Ensemble ensemble;
    private final UncertaintyEstimator estimator;
    private final boolean normalizedInput;
    private final double stimulationGain;
    private final boolean[] tried;
    private int triedCount;
    private final RestorableUniformRandomProvider random;
    private final double[] policyInput;
    private final double[] scratchPolicy;
    private final double[] decidedPolicy;
    private double decidedStimulation;
    private boolean decidedPolicyValid;

    /** A {@code neuromodulated} agent with the estimator its parameters choose. */
    public NeuromodulatedAgent(AgentSetup setup) {
        this(NAME, setup, NeuromodulatedAgent::chosenEstimator);
    }

    NeuromodulatedAgent(String name, AgentSetup setup, EstimatorFactory estimators) {
        Parameters parameters = setup.parameters();
        this.name = name;
        this.random = RandomGenerators.seeded(setup.seed());
        this.ensemble = new Ensemble(
                setup.arms(),
                parameters.whole(ENSEMBLE_SIZE.name()),
                parameters.number(MASK_PROBABILITY.name()),
                random);
        this.estimator = estimators.create(ensemble, parameters, setup.truth(), random);
        this.normalizedInput = parameters.choice(POLICY_INPUT.name()).equals("normalized");
        this.stimulationGain = parameters.number(StimulationGain.NAME);
        this.tried = new boolean[setup.arms()];
        this.policyInput = new double[setup.arms()];
        this.scratchPolicy = new double[setup.arms()];
        this.decidedPolicy = new double[setup.arms()];
    }

    private static UncertaintyEstimator chosenEstimator(
            Ensemble ensemble, Parameters parameters, EnvironmentTruth truth, UniformRandomProvider random) {
        if (parameters.choice(ESTIMATOR.name()).equals(EnsembleEstimator.NAME)) {
            if (ensemble.members() < 2) {
                throw new InvalidParameters(
                        NAME,
                        List.of("'" + ENSEMBLE_SIZE.name() + "' must be at least 2 with estimator '"
                                + EnsembleEstimator.NAME + "' (the spread of the ensemble is its"
                                + " uncertainty), was " + ensemble.members()));
            }
            return new EnsembleEstimator(ensemble, parameters, random);
        }
        return new ReliabilityEstimator(ensemble, parameters, random);
    }

    @Override
    public int arms() {
        return tried.length;
    }

    @Override
    public double[] policy(double stimulation) {
        requireFinite("stimulation", stimulation);
        return policy(stimulation, new double[tried.length]);
    }

    @Override
    public Decision decide(double stimulation) {
        double[] probabilities = policy(stimulation);
        int action = Softmax.sample(probabilities, random);
        // The trial's outcome usually follows at the same stimulation and state: keep the policy so
        // learning need not compute it again. An oracle's policy follows the live truth, so it is not kept.
        if (!estimator.readsTruth()) {
            System.arraycopy(probabilities, 0, decidedPolicy, 0, probabilities.length);
            decidedStimulation = stimulation;
            decidedPolicyValid = true;
        }
        return new Decision(action, probabilities, signals(stimulation));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Learns with this trial's learning rate (the one reported when the trial started), for
     * arm {@code action}.
     */
    @Override
    public Learning learn(int action, double reward, double stimulation) {
        if (action < 0 || action >= tried.length) {
            throw new IllegalArgumentException("action must be within [0, " + (tried.length - 1) + "], was " + action);
        }
        requireFinite("reward", reward);
        requireFinite("stimulation", stimulation);
        double probability = decidedPolicyValid && stimulation == decidedStimulation
                ? decidedPolicy[action]
                : policy(stimulation, scratchPolicy)[action];
        decidedPolicyValid = false;
        double predictionError = reward - ensemble.meanValue(action);
        estimator.learn(action, reward, random);
        if (!tried[action]) {
            tried[action] = true;
            triedCount++;
        }
        return new Learning(action, reward, predictionError, probability, signals(0));
    }

    @Override
    public Signals signals(double stimulation) {
        requireFinite("stimulation", stimulation);
        double unexpected = estimator.unexpectedUncertainty();
        return new Signals(
                estimator.learningRate(),
                temperature(stimulation, unexpected),
                estimator.expectedUncertainty(),
                unexpected,
                ensemble.meanValues().clone());
    }

    @Override
    public byte[] saveState() {
        var out = new StateWriter(name, tried.length).writeString(estimator.name());
        ensemble.write(out);
        out.writeBooleans(tried);
        estimator.write(out);
        return out.writeRandom(random).toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        var in = new StateReader(state, name, tried.length);
        String savedEstimator = in.readString();
        if (!savedEstimator.equals(estimator.name())) {
            throw new IllegalArgumentException("state of a " + name + " agent with estimator '" + savedEstimator
                    + "' cannot restore one with estimator '" + estimator.name() + "'");
        }
        ensemble.read(in);
        in.readBooleans(tried);
        estimator.read(in);
        in.readRandom(random);
        in.end();
        decidedPolicyValid = false;
        triedCount = 0;
        for (boolean armTried : tried) {
            triedCount += armTried ? 1 : 0;
        }
    }

    private double[] policy(double stimulation, double[] out) {
        if (triedCount < tried.length) {
            return uniformOverUntried(out);
        }
        double[] means = ensemble.meanValues();
        double[] input = normalizedInput ? Softmax.probabilities(means, 1, policyInput) : means;
        return Softmax.probabilities(input, temperature(stimulation, estimator.unexpectedUncertainty()), out);
    }

    private double temperature(double stimulation, double unexpectedUncertainty) {
        return Math.max(stimulationGain * stimulation + unexpectedUncertainty, MINIMUM_TEMPERATURE);
    }

    private double[] uniformOverUntried(double[] out) {
        double each = 1.0 / (tried.length - triedCount);
        for (int a = 0; a < tried.length; a++) {
            out[a] = tried[a] ? 0 : each;
        }
        return out;
    }

    private static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, was " + value);
        }
    }

    Ensemble ensemble() {
        return ensemble;
    }

    UncertaintyEstimator estimator() {
        return estimator;
    }

    /** A rate factor of 1 for every member: the variants without member diversity. */
    static double[] ones(int members) {
        double[] ones = new double[members];
        Arrays.fill(ones, 1);
        return ones;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Checks an oracle was given a truth that matches its arms. */
    static EnvironmentTruth requireTruth(EnvironmentTruth truth, int arms) {
        if (truth == null) {
            throw new IllegalArgumentException("an oracle agent needs the environment's truth");
        }
        if (truth.means().length != arms || truth.standardDeviations().length != arms) {
            throw new IllegalArgumentException("the environment's truth does not describe " + arms + " arms");
        }
        return truth;
    }

    /** Makes the estimator of a variant, drawing its initial state from the agent's generator. */
    @FunctionalInterface
    interface EstimatorFactory {
        UncertaintyEstimator create(
                Ensemble ensemble, Parameters parameters, EnvironmentTruth truth, UniformRandomProvider random);
    }
}
