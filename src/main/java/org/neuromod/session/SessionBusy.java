package org.neuromod.session;

import java.util.UUID;

/**
 * Other service instances kept changing the session while this request tried to apply, so it was
 * not applied; sending it again is safe.
 */
public final class SessionBusy extends RuntimeException {

    private final UUID sessionId;

    public SessionBusy(UUID sessionId, int attempts) {
        super("session " + sessionId + " was changed concurrently " + attempts
                + " times while this request was applied; it was not applied, send it again");
        this.sessionId = sessionId;
    }

    public UUID sessionId() {
        return sessionId;
    }
}
