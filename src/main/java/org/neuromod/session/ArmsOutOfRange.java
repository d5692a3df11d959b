package org.neuromod.session;

/** The requested number of arms is below 2 or above the configured maximum. */
public final class ArmsOutOfRange extends InvalidInput {

    public ArmsOutOfRange(int arms, int maxArms) {
        super("arms must be within [2, " + maxArms + "], was " + arms);
    }
}
