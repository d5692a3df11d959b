package org.neuromod.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Many trials in one command, for simulations that cannot afford a round trip (and a durable
 * commit) per trial: the steps are applied in order, as the per-call trial loop would apply them,
 * to trials {@code firstTrial}, {@code firstTrial + 1}, ... The trial numbers make the batch
 * exactly-once, as they do for a feedback (see {@link Session#batch}).
 *
 * @param firstTrial the number of the batch's first trial: the session's next trial
 * @param steps the steps, at least one
 */
public record Batch(int firstTrial, List<BatchStep> steps) {

    public Batch {
        List<String> problems = problems(firstTrial, steps.size());
        if (!problems.isEmpty()) {
            throw new InvalidBatch(problems);
        }
        steps = List.copyOf(steps);
    }

    /** What is wrong with a batch starting at {@code firstTrial} with {@code steps} steps, if anything. */
    public static List<String> problems(int firstTrial, int steps) {
        var problems = new ArrayList<String>();
        if (firstTrial < 1) {
            problems.add("firstTrial must be 1 or more, was " + firstTrial);
        }
        if (steps < 1) {
            problems.add("steps must hold at least one step");
        }
        return problems;
    }

    /** The number of the batch's last trial; a long, since it may lie beyond any trial number. */
    public long lastTrial() {
        return (long) firstTrial + steps.size() - 1;
    }
}
