package org.neuromod.session;

import java.util.UUID;

/**
 * A batch cannot be applied where it says it starts, and is not one applied there before: a
 * trial is open, its first trial is not the session's next one, or the session's stored trials
 * differ from what its steps produce.
 */
public final class BatchConflict extends RuntimeException {

    private final UUID sessionId;
    private final int firstTrial;
    private final int expectedTrial;
    private final Integer openTrial;
    private final Integer conflictingTrial;

    /**
     * @param expectedTrial the session's next trial number, where a new batch must start
     * @param openTrial the session's open trial, or null
     * @param conflictingTrial the first stored trial its step did not produce, or null
     */
    public BatchConflict(
            UUID sessionId,
            int firstTrial,
            int expectedTrial,
            Integer openTrial,
            Integer conflictingTrial,
            String reason) {
        super(reason + "; the session's next trial is " + expectedTrial);
        this.sessionId = sessionId;
        this.firstTrial = firstTrial;
        this.expectedTrial = expectedTrial;
        this.openTrial = openTrial;
        this.conflictingTrial = conflictingTrial;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public int firstTrial() {
        return firstTrial;
    }

    public int expectedTrial() {
        return expectedTrial;
    }

    /** The session's open trial, or null. */
    public Integer openTrial() {
        return openTrial;
    }

    /** The first stored trial that the batch's step did not produce, or null. */
    public Integer conflictingTrial() {
        return conflictingTrial;
    }
}
