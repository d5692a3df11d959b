package org.neuromod.live;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.neuromod.session.SessionNotFound;
import org.neuromod.session.SessionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The new events of one session for all its viewers on this instance: one read of the database
 * per change serves them all. It reads shortly after this instance stored a change (changes that
 * come together are read together), and every poll interval in case another instance sharing the
 * database made one.
 */
final class Feed {

    /**
     * Events read after {@code from}: a viewer that is not yet at {@code from} missed some and
     * reads them itself.
     */
    record Delivery(EventPosition from, List<TrialEvent> events) {}

    private static final Logger log = LoggerFactory.getLogger(Feed.class);

    private final UUID sessionId;
    private final SessionService sessions;
    private final TrialLog trials;
    private final Duration poll;
    private final Duration coalesce;
    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
    private final Semaphore changed = new Semaphore(0);
    private volatile boolean ended;
    private Thread worker;

    Feed(UUID sessionId, SessionService sessions, TrialLog trials, Duration poll, Duration coalesce) {
        this.sessionId = sessionId;
        this.sessions = sessions;
        this.trials = trials;
        this.poll = poll;
        this.coalesce = coalesce;
    }

    void start() {
        worker = Thread.ofVirtual().name("live-feed-" + sessionId).start(this::run);
    }

    void add(Viewer viewer) {
        viewers.add(viewer);
    }

    void remove(Viewer viewer) {
        viewers.remove(viewer);
    }

    boolean hasViewers() {
        return !viewers.isEmpty();
    }

    boolean hasEnded() {
        return ended;
    }

    /** The session changed on this instance: read now. */
    void changed() {
        changed.release();
    }

    void end() {
        ended = true;
        changed.release();
    }

    private void run() {
        try {
            EventPosition position = EventPosition.endOf(sessions.get(sessionId));
            while (!ended) {
                if (changed.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                    // a rig's act and feedback, or a burst of commands, make one read and one write
                    Thread.sleep(coalesce);
                }
                changed.drainPermits();
                if (ended) {
                    return;
                }
                position = readFrom(position);
            }
        } catch (SessionNotFound deleted) {
            ended = true;
            viewers.forEach(Viewer::end);
        } catch (InterruptedException stopped) {
            ended = true;
        }
    }

    /** Reads everything new and hands it to every viewer; returns the new position. */
    private EventPosition readFrom(EventPosition position) {
        try {
            TrialLog.Read read;
            do {
                read = trials.after(sessionId, position);
                if (!read.events().isEmpty()) {
                    var delivery = new Delivery(position, read.events());
                    viewers.forEach(viewer -> viewer.offer(delivery));
                    position = read.events().getLast().position();
                }
            } while (!read.complete() && !ended);
        } catch (SessionNotFound deleted) {
            throw deleted;
        } catch (RuntimeException unavailable) {
            // the database may be back at the next poll; viewers keep their streams until then
            log.warn("Could not read the trials of session {} for its viewers", sessionId, unavailable);
        }
        return position;
    }
}
