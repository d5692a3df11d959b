package org.neuromod.session;

/**
 * The outcome of a trial as a client reports it.
 *
 * @param trial the trial number it closes (or, in shadow mode with no open trial, records)
 * @param reward the reward, or null when the subject did not respond
 * @param action the arm the subject actually took (shadow mode), or null for the agent's own
 * @param stimulation the stimulation of a trial the subject chose on its own; when given for a
 *     trial that was acted on, it must equal that trial's stimulation
 * @param metadata the rig's metadata for this feedback
 */
public record Feedback(int trial, Double reward, Integer action, Double stimulation, Metadata metadata) {

    public Feedback {
        if (trial < 1) {
            throw new InvalidFeedback("trial must be 1 or more, was " + trial);
        }
        if (reward != null && !Double.isFinite(reward)) {
            throw new InvalidFeedback("reward must be a finite number or null, was " + reward);
        }
        if (reward == null && action != null) {
            throw new InvalidFeedback(
                    "a no-response trial (reward null) has no action; send the reward the subject received");
        }
        if (stimulation != null) {
            Session.checkStimulation(stimulation);
        }
        if (metadata == null) {
            metadata = Metadata.EMPTY;
        }
    }
}
