package org.neuromod.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link Batch}: a trial applied exactly as the per-call trial loop would apply it.
 * Constructors check what a step can check alone; whether its arms exist is checked against the
 * session ({@link Session#batch}).
 */
public sealed interface BatchStep {

    /** The stimulation of the step's trial (0 when none was given). */
    double stimulation();

    /** The rig's metadata of the step: the act's for an agent's choice, the feedback's for a subject's. */
    Metadata metadata();

    /**
     * The step's arms that must exist in the session: the named action, or as many rewards as
     * the session has arms.
     */
    List<String> problemsWith(int arms);

    /**
     * Whether a stored trial is the one this step produced: the same kind of choice, the same
     * action where the step names one, the same reward for the action taken, the same
     * stimulation. Metadata is not compared, as for a repeated feedback.
     */
    boolean produced(Trial stored);

    /**
     * The agent chooses: an act (with this stimulation and metadata), then a feedback with the
     * reward of the chosen arm.
     *
     * @param rewards what every arm pays on this step, one finite reward per arm: a pre-sampled
     *     outcome table, valid for environments whose outcomes do not depend on the agent's
     *     choices
     */
    record AgentChoice(double[] rewards, double stimulation, Metadata metadata) implements BatchStep {

        public AgentChoice {
            var problems = new ArrayList<String>();
            for (int arm = 0; arm < rewards.length; arm++) {
                if (!Double.isFinite(rewards[arm])) {
                    problems.add("rewards[" + arm + "] must be a finite number, was " + rewards[arm]);
                }
            }
            if (!(stimulation >= 0 && stimulation <= Session.MAX_STIMULATION)) {
                problems.add(new InvalidStimulation(stimulation, Session.MAX_STIMULATION).getMessage());
            }
            if (!problems.isEmpty()) {
                throw new InvalidBatch(problems);
            }
            rewards = rewards.clone();
            metadata = Objects.requireNonNullElse(metadata, Metadata.EMPTY);
        }

        /** The reward the given arm pays on this step. */
        public double reward(int arm) {
            return rewards[arm];
        }

        /** The number of arms the step gives a reward for. */
        public int arms() {
            return rewards.length;
        }

        @Override
        public double[] rewards() {
            return rewards.clone();
        }

        @Override
        public List<String> problemsWith(int arms) {
            return rewards.length == arms
                    ? List.of()
                    : List.of("rewards must hold one reward per arm (" + arms + "), has " + rewards.length);
        }

        @Override
        public boolean produced(Trial stored) {
            Outcome outcome = stored.outcome();
            return outcome != null
                    && !outcome.noResponse()
                    && stored.proposedAction() != null
                    && stored.proposedAction() == outcome.action()
                    && outcome.reward() == rewards[outcome.action()]
                    && stored.stimulation() == stimulation;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AgentChoice step
                    && Arrays.equals(rewards, step.rewards)
                    && Double.compare(stimulation, step.stimulation) == 0
                    && metadata.equals(step.metadata);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(rewards), stimulation, metadata);
        }

        @Override
        public String toString() {
            return "AgentChoice[rewards=" + Arrays.toString(rewards) + ", stimulation=" + stimulation + ", metadata="
                    + metadata + "]";
        }
    }

    /**
     * The subject chose on its own (shadow mode without act): the agent learns from this arm and
     * reward, as a feedback that records the next trial would have it.
     */
    record SubjectChoice(int action, double reward, double stimulation, Metadata metadata) implements BatchStep {

        public SubjectChoice {
            var problems = new ArrayList<String>();
            if (action < 0) {
                problems.add("action must be an arm index, 0 or more, was " + action);
            }
            if (!Double.isFinite(reward)) {
                problems.add("reward must be a finite number, was " + reward);
            }
            if (!(stimulation >= 0 && stimulation <= Session.MAX_STIMULATION)) {
                problems.add(new InvalidStimulation(stimulation, Session.MAX_STIMULATION).getMessage());
            }
            if (!problems.isEmpty()) {
                throw new InvalidBatch(problems);
            }
            metadata = Objects.requireNonNullElse(metadata, Metadata.EMPTY);
        }

        @Override
        public List<String> problemsWith(int arms) {
            return action < arms ? List.of() : List.of(new ActionOutOfRange(action, arms).getMessage());
        }

        @Override
        public boolean produced(Trial stored) {
            Outcome outcome = stored.outcome();
            return outcome != null
                    && !outcome.noResponse()
                    && stored.proposedAction() == null
                    && outcome.action() == action
                    && outcome.reward() == reward
                    && stored.stimulation() == stimulation;
        }
    }
}
