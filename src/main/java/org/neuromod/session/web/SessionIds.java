package org.neuromod.session.web;

import java.util.UUID;
import org.neuromod.session.SessionNotFound;

/**
 * Session ids in paths. A text that is not a UUID cannot name a session, so it is answered like
 * an unknown id (404 session-not-found), not as a malformed request.
 */
public final class SessionIds {

    private SessionIds() {}

    public static UUID parse(String id) {
        if (id.length() != 36) {
            throw new SessionNotFound(abbreviate(id));
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw new SessionNotFound(id);
        }
    }

    private static String abbreviate(String id) {
        return id.length() <= 64 ? id : id.substring(0, 64) + "...";
    }
}
