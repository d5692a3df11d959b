package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.List;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.Learning;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.Signals;

/**
 * The likelihood of a subject's choices under an agent: the agent replayed in shadow mode through
 * its own {@link Agent#policy}/{@link Agent#learn} code, exactly as a shadow session runs it (src/docs/api.md and 5), so a fit scores the model a session would run.
 *
 * <pre>
 *   ln L(θ) = Σ_{t with a response} ln π'_t(a_t),      π'_t = (1 − ε)·π_t(· | θ, s_t) + ε/k
 * </pre>
 *
 * where {@code π_t} is the agent's policy at trial {@code t}'s stimulation {@code s_t} before it
 * learns from {@code (a_t, r_t)}; a no-response trial ({@code r_t} null) adds no term and teaches
 * nothing. A term never falls below {@code ln 1e-300} ({@link #LOG_PROBABILITY_FLOOR}, the floor a
 * session's running log-likelihood uses), so a deterministic agent without a lapse gives a finite,
 * if very low, number.
 *
 * <p><b>Common random numbers.</b> An agent with random internals (random initial values,
 * bootstrap masks) is created afresh for every evaluation with the subject's fixed {@link
 * Subject#seed()}, and the replay draws no actions, so every evaluation consumes the same stream in
 * the same order: the initial state and every trial's masks are the same whatever the parameters
 * (as long as {@code maskProbability} is fixed; a free mask probability moves the masks
 * discontinuously). The objective is therefore a deterministic function of the parameters, which
 * the optimiser and the numerical Hessian need. The replay's stream is the one of a shadow session
 * created with that seed in which the subject chose every trial (feedback carrying the action,
 * without {@code act}); the running {@code logLikelihood} of such a session equals {@link
 * #logLikelihood} at the session's parameters.
 */
public final class ShadowLikelihood {

    /** The smallest term, {@code ln 1e-300 ≈ −690.8}, as in a session's running log-likelihood. */
    public static final double LOG_PROBABILITY_FLOOR = Math.log(1e-300);

    private final Model model;
    private final Subject subject;
    private final int arms;
    private final int[] actions;
    private final double[] rewards;
    private final boolean[] responded;
    private final double[] stimulations;

    public ShadowLikelihood(Model model, Subject subject) {
        this.model = model;
        this.subject = subject;
        this.arms = subject.arms();
        int n = subject.trials().size();
        this.actions = new int[n];
        this.rewards = new double[n];
        this.responded = new boolean[n];
        this.stimulations = new double[n];
        for (int t = 0; t < n; t++) {
            var trial = subject.trials().get(t);
            actions[t] = trial.action();
            responded[t] = !trial.noResponse();
            rewards[t] = responded[t] ? trial.reward() : 0;
            stimulations[t] = trial.stimulation();
        }
    }

    public Model model() {
        return model;
    }

    public Subject subject() {
        return subject;
    }

    /** {@code ln L} at the given natural values of the model's free parameters. */
    public double logLikelihood(double[] natural) {
        Agent agent = agent(model.agentParameters(natural));
        double lapse = model.lapse(natural);
        double keep = 1 - lapse;
        double uniform = lapse / arms;
        double sum = 0;
        for (int t = 0; t < actions.length; t++) {
            if (responded[t]) {
                Learning learning = agent.learn(actions[t], rewards[t], stimulations[t]);
                sum += term(keep * learning.actionProbability() + uniform);
            }
        }
        return sum;
    }

    /** Every trial of the replay at the given natural values of the free parameters. */
    public List<TrialTrace> trace(double[] natural) {
        Agent agent = agent(model.agentParameters(natural));
        double lapse = model.lapse(natural);
        var traces = new ArrayList<TrialTrace>(actions.length);
        double sum = 0;
        for (int t = 0; t < actions.length; t++) {
            double[] policy = agent.policy(stimulations[t]);
            for (int a = 0; a < arms; a++) {
                policy[a] = (1 - lapse) * policy[a] + lapse / arms;
            }
            Signals signals = agent.signals(stimulations[t]);
            Double term = null;
            Double predictionError = null;
            if (responded[t]) {
                Learning learning = agent.learn(actions[t], rewards[t], stimulations[t]);
                term = term((1 - lapse) * learning.actionProbability() + lapse / arms);
                predictionError = learning.predictionError();
                sum += term;
            }
            traces.add(new TrialTrace(
                    t + 1,
                    actions[t],
                    responded[t] ? rewards[t] : null,
                    stimulations[t],
                    policy,
                    policy[actions[t]],
                    term,
                    sum,
                    predictionError,
                    signals));
        }
        return traces;
    }

    private Agent agent(Parameters parameters) {
        return model.type().create(new AgentSetup(arms, parameters, subject.seed()));
    }

    private static double term(double probability) {
        return Math.max(Math.log(probability), LOG_PROBABILITY_FLOOR);
    }
}
