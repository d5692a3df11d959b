package org.neuromod.session;

/** A trial that has its feedback already was asked to close again. */
public final class TrialAlreadyClosed extends IllegalStateException {

    private final int trial;

    public TrialAlreadyClosed(int trial) {
        super("trial " + trial + " is already closed");
        this.trial = trial;
    }

    public int trial() {
        return trial;
    }
}
