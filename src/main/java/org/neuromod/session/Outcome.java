package org.neuromod.session;

import java.time.Instant;
import org.neuromod.core.agent.Signals;

/**
 * How a trial ended: the feedback that closed it and what the agent made of it.
 *
 * @param action the arm actually taken (the subject's, in shadow mode)
 * @param reward the reward, or null for a no-response trial (closed without learning)
 * @param predictionError reward minus the agent's estimate of the action before learning; null
 *     for a no-response trial
 * @param actionProbability the probability the agent's policy gave the action before learning;
 *     null for a no-response trial
 * @param logLikelihood the session's running sum of {@code ln(actionProbability)} over its closed
 *     trials up to and including this one (see {@link Session#LOG_PROBABILITY_FLOOR})
 * @param signals the agent's signals after learning
 * @param metadata the rig's metadata sent with the feedback
 * @param closedAt when the service applied the feedback
 */
public record Outcome(
        int action,
        Double reward,
        Double predictionError,
        Double actionProbability,
        double logLikelihood,
        Signals signals,
        Metadata metadata,
        Instant closedAt) {

    /** Whether the subject did not respond (no reward, nothing learned). */
    public boolean noResponse() {
        return reward == null;
    }
}
