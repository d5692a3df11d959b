package org.neuromod.session;

/** No session has the given id (never created, or deleted). */
public final class SessionNotFound extends RuntimeException {

    private final String sessionId;

    public SessionNotFound(String sessionId) {
        super("no session with id '" + sessionId + "'");
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
