package org.neuromod.session;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the requests to one session inside this process, in arrival order (fair locks). A
 * fixed set of lock stripes keeps memory bounded however many sessions exist; two sessions that
 * share a stripe merely wait for each other. Across processes, optimistic versions in the database
 * keep the same guarantee.
 */
final class SessionLocks {

    private final ReentrantLock[] stripes;

    SessionLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock(true);
        }
    }

    <T> T withLock(UUID sessionId, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(sessionId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
