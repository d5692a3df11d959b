package org.neuromod.session;

import java.util.UUID;

/** A feedback names a trial that is neither the open one, nor (shadow mode) the next one, nor a closed one. */
public final class UnexpectedTrial extends RuntimeException {

    private final UUID sessionId;
    private final int trial;
    private final int expectedTrial;

    public UnexpectedTrial(UUID sessionId, int trial, int expectedTrial, boolean expectedIsOpen) {
        super("feedback for trial " + trial + " but "
                + (expectedIsOpen
                        ? "trial " + expectedTrial + " is the open trial awaiting feedback"
                        : "no trial is open; the next trial is " + expectedTrial
                                + " (act first, or send its action to record a trial the subject chose)"));
        this.sessionId = sessionId;
        this.trial = trial;
        this.expectedTrial = expectedTrial;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public int trial() {
        return trial;
    }

    public int expectedTrial() {
        return expectedTrial;
    }
}
