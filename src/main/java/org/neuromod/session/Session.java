package org.neuromod.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Learning;
import org.neuromod.core.agent.Parameters;

/**
 * One agent and its trial loop: the aggregate that decides what an act or a feedback does.
 *
 * <p>The trial number is the key of exactly-once delivery. While a trial is open, act returns it
 * unchanged (a retried act never draws twice). A feedback for the open trial closes it; for the
 * next trial when none is open and an action is named, it records a trial the subject chose on its
 * own (shadow mode); for a closed trial it returns the stored outcome if the payload is the same
 * and is a {@link TrialConflict} otherwise; anything else is an {@link UnexpectedTrial}.
 */
public final class Session {

    /**
     * The log-probability counted for an action the agent's policy gave probability below
     * {@code 1e-300} (a deterministic choice rule can give 0): {@code ln(1e-300) ≈ -690.8}, so the
     * running log-likelihood stays a finite number.
     */
    public static final double LOG_PROBABILITY_FLOOR = Math.log(1e-300);

    /** The largest stimulation accepted: an additive offset on the temperature. */
    public static final double MAX_STIMULATION = 1e6;

    private final UUID id;
    private final AgentType agentType;
    private final int arms;
    private final Parameters parameters;
    private final long seed;
    private final Labels labels;
    private final Instant createdAt;
    private final long version;
    private int trials;
    private Trial openTrial;
    private double logLikelihood;
    /** The agent's saved state; behind the live agent's while {@link #agentStateSaved} is false. */
    private byte[] agentState;
    /** The agent restored from {@link #agentState} on first use, kept for the rest of the command. */
    private Agent agent;
    /** Whether {@link #agentState} holds the live agent's state. */
    private boolean agentStateSaved = true;

    private Session(
            UUID id,
            AgentType agentType,
            int arms,
            Parameters parameters,
            long seed,
            Labels labels,
            Instant createdAt,
            long version,
            int trials,
            Trial openTrial,
            double logLikelihood,
            byte[] agentState) {
        this.id = id;
        this.agentType = agentType;
        this.arms = arms;
        this.parameters = parameters;
        this.seed = seed;
        this.labels = labels;
        this.createdAt = createdAt;
        this.version = version;
        this.trials = trials;
        this.openTrial = openTrial;
        this.logLikelihood = logLikelihood;
        this.agentState = agentState;
    }

    /**
     * A new session with a fresh agent.
     *
     * @throws SimulationOnlyAgent if the agent type is an oracle
     * @throws org.neuromod.core.agent.InvalidParameters if the parameters are unknown or out of range
     */
    public static Session start(
            UUID id,
            AgentType agentType,
            int arms,
            Map<String, ?> parameters,
            long seed,
            Labels labels,
            Instant createdAt) {
        if (agentType.simulationOnly()) {
            throw new SimulationOnlyAgent(agentType.name());
        }
        Parameters resolved = agentType.resolve(parameters);
        Agent agent = agentType.create(new AgentSetup(arms, resolved, seed));
        return new Session(id, agentType, arms, resolved, seed, labels, createdAt, 0, 0, null, 0, agent.saveState());
    }

    /** A session as stored, with its open trial if it has one. */
    public static Session restore(
            UUID id,
            AgentType agentType,
            int arms,
            Parameters parameters,
            long seed,
            Labels labels,
            Instant createdAt,
            long version,
            int trials,
            Trial openTrial,
            double logLikelihood,
            byte[] agentState) {
        return new Session(
                id,
                agentType,
                arms,
                parameters,
                seed,
                labels,
                createdAt,
                version,
                trials,
                openTrial,
                logLikelihood,
                agentState);
    }

    /** What an act did: the trial to report, and whether it is new (and so must be stored). */
    public record Acted(Trial trial, boolean drawn) {}

    /** What a feedback did to the session. */
    public enum Effect {
        /** Nothing: the trial was closed by the same feedback before. */
        REPEATED,
        /** The open trial was closed. */
        CLOSED,
        /** A trial the subject chose on its own was recorded, already closed. */
        RECORDED
    }

    /** What a feedback did: the closed trial to report, and its effect. */
    public record Settled(Trial trial, Effect effect) {}

    /**
     * Acts: returns the open trial unchanged if there is one, else lets the agent decide a new one.
     *
     * @throws InvalidStimulation if the stimulation is negative or too large
     */
    public Acted act(double stimulation, Metadata metadata, Instant now) {
        checkStimulation(stimulation);
        if (openTrial != null) {
            return new Acted(openTrial, false);
        }
        Agent agent = agent();
        Decision decision = agent.decide(stimulation);
        Trial trial = Trial.open(trials + 1, decision, stimulation, metadata, now);
        trials = trial.number();
        openTrial = trial;
        agentChanged();
        return new Acted(trial, true);
    }

    /**
     * Applies a feedback.
     *
     * @param closedTrial looks up a closed trial of this session by number, for a repeated feedback
     * @throws TrialConflict if the trial is closed with a different payload
     * @throws UnexpectedTrial if the trial is neither open, next (with an action) nor closed
     * @throws ActionOutOfRange if the action names no arm
     */
    public Settled feedback(Feedback feedback, IntFunction<Trial> closedTrial, Instant now) {
        if (feedback.action() != null && (feedback.action() < 0 || feedback.action() >= arms)) {
            throw new ActionOutOfRange(feedback.action(), arms);
        }
        int number = feedback.trial();
        if (openTrial != null && number == openTrial.number()) {
            return new Settled(closeOpenTrial(feedback, now), Effect.CLOSED);
        }
        if (number <= trials) {
            return new Settled(repeated(closedTrial.apply(number), feedback), Effect.REPEATED);
        }
        if (openTrial == null && number == trials + 1 && feedback.action() != null) {
            return new Settled(recordSubjectChoice(feedback, now), Effect.RECORDED);
        }
        throw openTrial != null
                ? new UnexpectedTrial(id, number, openTrial.number(), true)
                : new UnexpectedTrial(id, number, trials + 1, false);
    }

    private Trial repeated(Trial trial, Feedback feedback) {
        if (!trial.isSettledBy(feedback)) {
            Outcome outcome = trial.outcome();
            throw new TrialConflict(
                    id,
                    trial.number(),
                    "is already closed with action " + outcome.action() + " and reward "
                            + (outcome.noResponse() ? "null (no response)" : outcome.reward())
                            + " (stimulation " + trial.stimulation() + "); a feedback with a different payload"
                            + " cannot change it");
        }
        return trial;
    }

    private Trial closeOpenTrial(Feedback feedback, Instant now) {
        Trial trial = openTrial;
        if (feedback.stimulation() != null && feedback.stimulation() != trial.stimulation()) {
            throw new TrialConflict(
                    id,
                    trial.number(),
                    "was acted on with stimulation " + trial.stimulation() + ", the feedback names "
                            + feedback.stimulation());
        }
        Agent agent = agent();
        Outcome outcome;
        if (feedback.reward() == null) {
            outcome = new Outcome(
                    trial.action(), null, null, null, logLikelihood, agent.signals(0), feedback.metadata(), now);
        } else {
            int action = feedback.action() != null ? feedback.action() : trial.action();
            Learning learning = agent.learn(action, feedback.reward(), trial.stimulation());
            outcome = learned(learning, feedback, now);
            agentChanged();
        }
        trial.close(outcome);
        openTrial = null;
        return trial;
    }

    private Trial recordSubjectChoice(Feedback feedback, Instant now) {
        if (feedback.reward() == null) {
            throw new InvalidFeedback("a trial the subject chose on its own needs the reward it received");
        }
        double stimulation = feedback.stimulation() != null ? feedback.stimulation() : 0;
        Agent agent = agent();
        double[] probabilities = agent.policy(stimulation);
        var signals = agent.signals(stimulation);
        Learning learning = agent.learn(feedback.action(), feedback.reward(), stimulation);
        Trial trial = Trial.chosenBySubject(
                feedback.trial(),
                probabilities,
                signals,
                stimulation,
                Metadata.EMPTY,
                now,
                learned(learning, feedback, now));
        trials = trial.number();
        agentChanged();
        return trial;
    }

    private Outcome learned(Learning learning, Feedback feedback, Instant now) {
        logLikelihood += logProbability(learning.actionProbability());
        return new Outcome(
                learning.action(),
                learning.reward(),
                learning.predictionError(),
                learning.actionProbability(),
                logLikelihood,
                learning.signals(),
                feedback.metadata(),
                now);
    }

    /** {@code ln(probability)}, never below {@link #LOG_PROBABILITY_FLOOR}. */
    public static double logProbability(double probability) {
        return Math.max(Math.log(probability), LOG_PROBABILITY_FLOOR);
    }

    /** @throws InvalidStimulation unless {@code 0 <= stimulation <= MAX_STIMULATION} */
    public static void checkStimulation(double stimulation) {
        if (!(stimulation >= 0 && stimulation <= MAX_STIMULATION)) {
            throw new InvalidStimulation(stimulation, MAX_STIMULATION);
        }
    }

    /**
     * The live agent. Restoring it from its saved state costs more than a decision, so a command
     * restores it once, however many decisions it makes; its state is saved when asked for.
     */
    private Agent agent() {
        if (agent == null) {
            agent = agentType.restore(arms, parameters, agentState);
        }
        return agent;
    }

    private void agentChanged() {
        agentStateSaved = false;
    }

    public UUID id() {
        return id;
    }

    public AgentType agentType() {
        return agentType;
    }

    public int arms() {
        return arms;
    }

    public Parameters parameters() {
        return parameters;
    }

    public long seed() {
        return seed;
    }

    public Labels labels() {
        return labels;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The version this session was loaded at; storing it succeeds only if it is still current. */
    public long version() {
        return version;
    }

    /** The number of trials so far, open or closed. */
    public int trials() {
        return trials;
    }

    /** The trial awaiting feedback, or null. */
    public Trial openTrial() {
        return openTrial;
    }

    public double logLikelihood() {
        return logLikelihood;
    }

    /** The agent's complete saved state. */
    public byte[] agentState() {
        if (!agentStateSaved) {
            agentState = agent.saveState();
            agentStateSaved = true;
        }
        return agentState.clone();
    }

    /** The session's description, without its agent state. */
    public SessionSummary summary() {
        return new SessionSummary(
                id,
                agentType.name(),
                arms,
                parameters.asMap(),
                seed,
                labels,
                createdAt,
                trials,
                openTrial != null ? openTrial.number() : null,
                logLikelihood);
    }
}
