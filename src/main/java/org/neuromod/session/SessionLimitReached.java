package org.neuromod.session;

/** The store already holds the configured maximum number of sessions. */
public final class SessionLimitReached extends RuntimeException {

    private final int maxSessions;

    public SessionLimitReached(int maxSessions) {
        super("the service holds its maximum of " + maxSessions + " sessions; delete sessions that are no longer"
                + " needed (DELETE /sessions/{id})");
        this.maxSessions = maxSessions;
    }

    public int maxSessions() {
        return maxSessions;
    }
}
