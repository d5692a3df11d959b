package org.neuromod.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;

/**
 * The sessions this process stored last, with their live agents, so that the next command on one
 * of them needs no read from the database. A session is taken out for a command and put back only
 * after its progress was stored, so a failed command leaves nothing behind. A copy that another
 * service instance made stale is caught when it is stored (its version is no longer current): the
 * command is then retried from the database.
 *
 * <p>Bounded by an estimate of the memory its sessions hold (twice their saved agent state, for
 * the state and the live agent, plus {@value #SESSION_BYTES} bytes each); Caffeine's size-based
 * eviction chooses which leave (mostly those not used for longest).
 */
final class SessionCache {

    /** An allowance for a session's fields, its open trial and its agent's objects. */
    static final int SESSION_BYTES = 4096;

    private final Cache<UUID, Session> sessions;

    /** @param maxBytes the memory the cached sessions may take, by the estimate above; 0 keeps none */
    SessionCache(long maxBytes) {
        this.sessions = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((UUID id, Session session) -> weight(session))
                .executor(Runnable::run)
                .build();
    }

    /** Removes the session and returns it, or null if it is not held; call under the session's lock. */
    Session take(UUID id) {
        return sessions.asMap().remove(id);
    }

    /** Holds a session whose progress is stored; call under the session's lock. */
    void put(Session session) {
        sessions.put(session.id(), session);
    }

    /** Forgets the session; call under the session's lock. */
    void remove(UUID id) {
        sessions.invalidate(id);
    }

    private static int weight(Session session) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * session.agentStateSize() + SESSION_BYTES);
    }
}
