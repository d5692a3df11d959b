package org.neuromod.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.baseline.Boltzmann;

/** The sessions kept between commands: taken out for a command, within their memory bound. */
class SessionCacheTest {

    private static Session session() {
        return Session.start(
                UUID.randomUUID(), Boltzmann.TYPE, 3, Map.of(), 7, Labels.NONE, Instant.parse("2024-08-15T10:00:00Z"));
    }

    private static long weight(Session session) {
        return 2L * session.agentStateSize() + SessionCache.SESSION_BYTES;
    }

    @Test
    void aSessionIsTakenOutForACommandAndHeldAgainOnlyWhenPutBack() {
        var cache = new SessionCache(1 << 20);
        Session session = session();
        cache.put(session);

        assertThat(cache.take(session.id())).isSameAs(session);
        assertThat(cache.take(session.id())).as("out while its command runs").isNull();

        cache.put(session);
        cache.remove(session.id());
        assertThat(cache.take(session.id())).isNull();
    }

    @Test
    void holdsNoMoreSessionsThanItsMemoryBoundAllows() {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sessions.add(session());
        }
        var cache = new SessionCache(5 * weight(sessions.getFirst()));

        sessions.forEach(cache::put);

        long held = sessions.stream()
                .filter(session -> cache.take(session.id()) != null)
                .count();
        assertThat(held).isBetween(1L, 5L);
    }

    @Test
    void aBoundOfZeroHoldsNothing() {
        var cache = new SessionCache(0);
        Session session = session();

        cache.put(session);

        assertThat(cache.take(session.id())).isNull();
    }
}
