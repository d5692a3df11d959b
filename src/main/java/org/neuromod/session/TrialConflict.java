package org.neuromod.session;

import java.util.UUID;

/** A feedback names a trial that is already settled differently from what the feedback says. */
public final class TrialConflict extends RuntimeException {

    private final UUID sessionId;
    private final int trial;

    public TrialConflict(UUID sessionId, int trial, String reason) {
        super("trial " + trial + " " + reason);
        this.sessionId = sessionId;
        this.trial = trial;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public int trial() {
        return trial;
    }
}
