package org.neuromod.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.neuromod.session.SessionChanged;
import org.neuromod.session.SessionService;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The event streams of this instance: a {@link Feed} per followed session and a {@link Viewer}
 * per stream, at most {@link LiveSettings#maxStreams()} of them. Streams end before the web server
 * shuts down, so a graceful shutdown does not wait for clients that would never leave.
 */
@Service
public class SessionFeeds implements SmartLifecycle {

    /** How long shutdown waits for the streams to end. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final SessionService sessions;
    private final LiveSettings settings;
    private final TrialLog trials;
    private final Map<UUID, Feed> feeds = new ConcurrentHashMap<>();
    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean running;

    SessionFeeds(SessionService sessions, TrialRenderer renderer, LiveSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
        this.trials = new TrialLog(sessions, renderer, settings.readSize());
    }

    /**
     * Streams the session's events after {@code after} to {@code sink}, then every new one, until
     * the client leaves, the session is deleted or the service stops.
     *
     * @throws org.neuromod.session.SessionNotFound before anything is sent if there is no such session
     * @throws StreamsUnavailable if this instance serves as many streams as it may, or is stopping
     */
    public void follow(UUID sessionId, EventPosition after, EventSink sink) {
        sessions.get(sessionId);
        if (!running) {
            throw new StreamsUnavailable("the service is shutting down", settings.retryAfter());
        }
        if (streams.incrementAndGet() > settings.maxStreams()) {
            streams.decrementAndGet();
            throw new StreamsUnavailable(
                    "this instance serves " + settings.maxStreams()
                            + " event streams, as many as it may (neuromod.live.max-streams)",
                    settings.retryAfter());
        }
        Feed[] joined = new Feed[1];
        Viewer[] viewer = new Viewer[1];
        viewer[0] = new Viewer(
                sessionId,
                after,
                sink,
                trials,
                settings.heartbeat(),
                settings.queuedReads(),
                () -> leave(sessionId, joined[0], viewer[0]));
        viewers.add(viewer[0]);
        feeds.compute(sessionId, (id, feed) -> {
            if (feed == null || feed.hasEnded()) {
                feed = new Feed(id, sessions, trials, settings.poll(), settings.coalesce());
                feed.start();
            }
            feed.add(viewer[0]);
            joined[0] = feed;
            return feed;
        });
        viewer[0].start();
        if (!running) {
            viewer[0].end();
        }
    }

    /** Streams open on this instance now. */
    public int streams() {
        return streams.get();
    }

    @EventListener
    void sessionChanged(SessionChanged change) {
        Feed feed = feeds.get(change.sessionId());
        if (feed != null) {
            feed.changed();
        }
    }

    private void leave(UUID sessionId, Feed feed, Viewer viewer) {
        feed.remove(viewer);
        feeds.computeIfPresent(sessionId, (id, current) -> {
            if (current == feed && !feed.hasViewers()) {
                feed.end();
                return null;
            }
            return current;
        });
        viewers.remove(viewer);
        streams.decrementAndGet();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        var ending = new ArrayList<>(viewers);
        ending.forEach(Viewer::end);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            for (Viewer viewer : ending) {
                viewer.awaitEnd(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        feeds.values().forEach(Feed::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
