package org.neuromod.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * and is a {@link TrialConflict} otherwise; anything else is an {@link UnexpectedTrial}. A {@link
 * Batch} of steps is applied through the same act and feedback, and is exactly-once by its trial
 * numbers too.
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
    private long version;
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

    /** What a batch did: its trials, and whether they are new (and so must be stored). */
    public record Batched(List<Trial> trials, boolean applied) {}

    /** Looks up stored trials of this session by number. */
    @FunctionalInterface
    public interface StoredTrials {

        /** Trials {@code first..last} in order, as stored. */
        List<Trial> load(int first, int last);
    }

    /**
     * Applies a batch exactly once. With no open trial and {@code firstTrial} the next trial, every
     * step is applied in order, as {@link #act} and {@link #feedback} apply it: an agent's choice
     * is an act then a feedback with the reward of the chosen arm; a subject's choice is a feedback
     * that records the next trial. If the session holds trials {@code firstTrial..lastTrial} and
     * each is the one its step produces, the batch was applied before (a retry after a lost
     * answer): the stored trials are returned and nothing changes.
     *
     * <p>Comparing only the arms taken is enough to recognise a batch. The agent is deterministic
     * given its stored state, random generator included, and it only ever sees the reward of the
     * arm taken: from the same state, any outcome table that agrees on the chosen arms makes the
     * same draws, learns the same, and so yields the same trials. So a batch whose steps pay the
     * stored rewards for the stored actions is the batch that was applied; rewards of arms not
     * taken never mattered.
     *
     * @throws InvalidBatch if a step names an arm the session does not have (nothing is applied)
     * @throws BatchConflict if a trial is open, {@code firstTrial} is not the next trial, or the
     *     stored trials are not what the steps produce
     */
    public Batched batch(Batch batch, StoredTrials storedTrials, Instant now) {
        checkArms(batch.steps());
        int first = batch.firstTrial();
        if (openTrial == null && first == trials + 1) {
            return new Batched(applyAll(batch.steps(), now), true);
        }
        if (batch.lastTrial() <= trials) {
            List<Trial> stored = storedTrials.load(first, (int) batch.lastTrial());
            if (stored.size() != batch.steps().size()) {
                throw new IllegalStateException("trials " + first + ".." + batch.lastTrial() + " of session " + id
                        + " are not all stored, though the session counts " + trials);
            }
            for (int step = 0; step < batch.steps().size(); step++) {
                Trial trial = stored.get(step);
                if (trial.isOpen()) {
                    throw openTrialConflict(first);
                }
                if (!batch.steps().get(step).produced(trial)) {
                    throw conflict(
                            first,
                            trial.number(),
                            "trial " + trial.number() + " is stored " + described(trial) + ", which steps[" + step
                                    + "] does not produce: this batch was not applied at trial " + first);
                }
            }
            return new Batched(stored, false);
        }
        if (openTrial != null) {
            throw openTrialConflict(first);
        }
        if (first > trials + 1) {
            throw conflict(
                    first, null, "the batch starts at trial " + first + " but the session has " + trials + " trials");
        }
        throw conflict(
                first,
                null,
                "the batch's trials " + first + ".." + batch.lastTrial() + " overlap the session's " + trials
                        + " trials without ending within them");
    }

    private void checkArms(List<BatchStep> steps) {
        var problems = new ArrayList<String>();
        for (int step = 0; step < steps.size(); step++) {
            for (String problem : steps.get(step).problemsWith(arms)) {
                problems.add("steps[" + step + "]: " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidBatch(problems);
        }
    }

    private List<Trial> applyAll(List<BatchStep> steps, Instant now) {
        IntFunction<Trial> noClosedTrial = number -> {
            throw new IllegalStateException("a batch step names trial " + number + ", which is not the next one");
        };
        var applied = new ArrayList<Trial>(steps.size());
        for (BatchStep step : steps) {
            Trial trial = switch (step) {
                case BatchStep.AgentChoice choice -> {
                    Trial decided =
                            act(choice.stimulation(), choice.metadata(), now).trial();
                    var feedback =
                            new Feedback(decided.number(), choice.reward(decided.action()), null, null, Metadata.EMPTY);
                    yield feedback(feedback, noClosedTrial, now).trial();
                }
                case BatchStep.SubjectChoice choice -> {
                    var feedback = new Feedback(
                            trials + 1, choice.reward(), choice.action(), choice.stimulation(), choice.metadata());
                    yield feedback(feedback, noClosedTrial, now).trial();
                }
            };
            applied.add(trial);
        }
        return applied;
    }

    private BatchConflict openTrialConflict(int firstTrial) {
        return conflict(
                firstTrial,
                null,
                "trial " + openTrial.number()
                        + " is open, awaiting feedback; a batch starts only when no trial is open");
    }

    private BatchConflict conflict(int firstTrial, Integer conflictingTrial, String reason) {
        return new BatchConflict(
                id, firstTrial, trials + 1, openTrial != null ? openTrial.number() : null, conflictingTrial, reason);
    }

    private static String described(Trial trial) {
        Outcome outcome = trial.outcome();
        if (outcome.noResponse()) {
            return "as a no-response trial";
        }
        return "with action " + outcome.action() + " ("
                + (trial.proposedAction() == null
                        ? "chosen by the subject without act"
                        : trial.proposedAction() == outcome.action()
                                ? "the agent's choice"
                                : "the subject's, the agent proposed " + trial.proposedAction())
                + "), reward " + outcome.reward() + ", stimulation " + trial.stimulation();
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
     * restores it once and a batch runs all its steps on it; its state is saved when asked for.
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

    /** The store took this session's progress: it is now at the next version. */
    void stored() {
        version++;
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

    /** The size of the agent state as last saved, in bytes. */
    int agentStateSize() {
        return agentState.length;
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
