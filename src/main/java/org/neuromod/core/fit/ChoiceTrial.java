package org.neuromod.core.fit;

/**
 * One recorded trial of a subject.
 *
 * @param action the arm the subject took, 0-based
 * @param reward the reward it received, or null for a no-response trial (no learning, no term in
 *     the likelihood)
 * @param stimulation the trial's stimulation level (src/docs/algorithms.md#stimulation), 0 when there was none
 */
public record ChoiceTrial(int action, Double reward, double stimulation) {

    public boolean noResponse() {
        return reward == null;
    }
}
