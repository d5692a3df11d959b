package org.neuromod.session;

import java.time.Instant;
import java.util.Objects;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Signals;

/**
 * One trial of a session: the decision made when the client acted, and, once feedback arrived, its
 * {@link Outcome}. A trial closes exactly once.
 */
public final class Trial {

    private final int number;
    private final Integer proposedAction;
    private final double[] probabilities;
    private final Signals signals;
    private final double stimulation;
    private final Metadata actMetadata;
    private final Instant actedAt;
    private Outcome outcome;

    private Trial(
            int number,
            Integer proposedAction,
            double[] probabilities,
            Signals signals,
            double stimulation,
            Metadata actMetadata,
            Instant actedAt,
            Outcome outcome) {
        this.number = number;
        this.proposedAction = proposedAction;
        this.probabilities = probabilities;
        this.signals = signals;
        this.stimulation = stimulation;
        this.actMetadata = actMetadata;
        this.actedAt = actedAt;
        this.outcome = outcome;
    }

    /** A trial the agent chose, awaiting feedback. */
    static Trial open(int number, Decision decision, double stimulation, Metadata metadata, Instant actedAt) {
        return new Trial(
                number,
                decision.action(),
                decision.probabilities(),
                decision.signals(),
                stimulation,
                metadata,
                actedAt,
                null);
    }

    /**
     * A trial the subject chose on its own (shadow mode without act), recorded already closed.
     *
     * @param probabilities the agent's policy at that moment, which it did not draw from
     */
    static Trial chosenBySubject(
            int number,
            double[] probabilities,
            Signals signals,
            double stimulation,
            Metadata metadata,
            Instant at,
            Outcome outcome) {
        return new Trial(number, null, probabilities, signals, stimulation, metadata, at, outcome);
    }

    /** A trial as stored. */
    public static Trial restore(
            int number,
            Integer proposedAction,
            double[] probabilities,
            Signals signals,
            double stimulation,
            Metadata actMetadata,
            Instant actedAt,
            Outcome outcome) {
        return new Trial(number, proposedAction, probabilities, signals, stimulation, actMetadata, actedAt, outcome);
    }

    /**
     * Settles the trial.
     *
     * @throws TrialAlreadyClosed if it was settled before
     */
    public void close(Outcome outcome) {
        if (this.outcome != null) {
            throw new TrialAlreadyClosed(number);
        }
        this.outcome = Objects.requireNonNull(outcome);
    }

    /**
     * Whether a feedback repeats the one that closed this trial: same effective action (the given
     * one, or the agent's proposal when none is given), same reward (or both no-response), and the
     * same stimulation if one is given. Metadata is not compared, so a rig may resend with a fresh
     * timestamp.
     */
    boolean isSettledBy(Feedback feedback) {
        Integer effectiveAction = feedback.action() != null ? feedback.action() : proposedAction;
        return outcome != null
                && Objects.equals(effectiveAction, outcome.action())
                && sameReward(feedback.reward(), outcome.reward())
                && (feedback.stimulation() == null || feedback.stimulation() == stimulation);
    }

    private static boolean sameReward(Double given, Double stored) {
        return given == null ? stored == null : stored != null && given.doubleValue() == stored.doubleValue();
    }

    public int number() {
        return number;
    }

    public boolean isOpen() {
        return outcome == null;
    }

    /** The arm taken: the subject's when feedback named one, else the agent's proposal. */
    public int action() {
        return outcome != null ? outcome.action() : proposedAction;
    }

    /** The agent's own choice, or null when the subject chose without asking the agent. */
    public Integer proposedAction() {
        return proposedAction;
    }

    /** The agent's policy on this trial. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The agent's signals when the trial was decided. */
    public Signals signals() {
        return signals;
    }

    public double stimulation() {
        return stimulation;
    }

    public Metadata actMetadata() {
        return actMetadata;
    }

    public Instant actedAt() {
        return actedAt;
    }

    /** The outcome, or null while the trial is open. */
    public Outcome outcome() {
        return outcome;
    }
}
