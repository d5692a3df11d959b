package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * One subject's recorded choices, in order.
 *
 * @param label the subject's name in the results
 * @param arms the number of arms of the task
 * @param trials the trials in the order they happened
 * @param seed the seed of the agent's random stream in the replay (its initial values and bootstrap
 *     masks): the common random numbers of this subject, the same at every evaluation of the fit
 */
public record Subject(String label, int arms, List<ChoiceTrial> trials, long seed) {

    /**
     * @throws InvalidFit naming every problem: an action outside the arms, a non-finite reward or
     *     stimulation, a negative stimulation, no trial with a response
     */
    public Subject {
        trials = List.copyOf(trials);
        var problems = new ArrayList<String>();
        if (arms < 2) {
            problems.add("subject '" + label + "': arms must be at least 2, was " + arms);
        }
        int responses = 0;
        for (int t = 0; t < trials.size() && problems.size() < 10; t++) {
            ChoiceTrial trial = trials.get(t);
            String where = "subject '" + label + "', trial " + (t + 1) + ": ";
            if (trial.action() < 0 || trial.action() >= arms) {
                problems.add(where + "action must be within [0, " + (arms - 1) + "], was " + trial.action());
            }
            if (trial.reward() != null && !Double.isFinite(trial.reward())) {
                problems.add(where + "reward must be finite, was " + trial.reward());
            }
            if (!(trial.stimulation() >= 0 && Double.isFinite(trial.stimulation()))) {
                problems.add(where + "stimulation must be finite and not negative, was " + trial.stimulation());
            }
            responses += trial.noResponse() ? 0 : 1;
        }
        if (problems.isEmpty() && responses == 0) {
            problems.add("subject '" + label + "' has no trial with a response to fit");
        }
        if (!problems.isEmpty()) {
            throw new InvalidFit(problems);
        }
    }

    /** The number of trials that add a term to the likelihood (those with a response). */
    public int responses() {
        int responses = 0;
        for (ChoiceTrial trial : trials) {
            responses += trial.noResponse() ? 0 : 1;
        }
        return responses;
    }
}
