package org.neuromod.session;

import java.util.List;

/**
 * A reward beyond {@code neuromod.limits.max-abs-reward}: finite, but so large that an agent's
 * squared prediction errors, and from them its signals and values, could stop being finite.
 */
public final class RewardOutOfRange extends InvalidInput {

    public RewardOutOfRange(List<String> problems) {
        super(problems);
    }

    /** The problem of one reward, named {@code what} (such as {@code reward} or {@code rewards[2]}). */
    static String problem(String what, double reward, double maxAbsReward) {
        return what + " must be within [" + format(-maxAbsReward) + ", " + format(maxAbsReward)
                + "] (neuromod.limits.max-abs-reward), was " + reward;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15
                ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
