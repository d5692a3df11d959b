package org.neuromod.live;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.neuromod.session.SessionNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client following a session: on a thread of its own, so a slow client delays no one else, it
 * first reads the events it has not seen, then passes on what its feed delivers, each event once
 * and in order. A client too slow to keep up has its stream ended; it resumes from its last event.
 */
final class Viewer {

    private static final Logger log = LoggerFactory.getLogger(Viewer.class);

    private static final Feed.Delivery END = new Feed.Delivery(EventPosition.START, List.of());

    private final UUID sessionId;
    private final EventSink sink;
    private final TrialLog trials;
    private final Duration heartbeat;
    private final BlockingQueue<Feed.Delivery> deliveries;
    private final Runnable onEnd;
    private volatile boolean ended;
    private EventPosition position;
    private Thread thread;

    Viewer(
            UUID sessionId,
            EventPosition after,
            EventSink sink,
            TrialLog trials,
            Duration heartbeat,
            int queuedReads,
            Runnable onEnd) {
        this.sessionId = sessionId;
        this.position = after;
        this.sink = sink;
        this.trials = trials;
        this.heartbeat = heartbeat;
        this.deliveries = new ArrayBlockingQueue<>(queuedReads + 1);
        this.onEnd = onEnd;
    }

    void start() {
        thread = Thread.ofVirtual().name("live-viewer-" + sessionId).start(this::run);
    }

    /** Takes new events from the feed without waiting; a viewer too far behind ends. */
    void offer(Feed.Delivery delivery) {
        if (!ended && !deliveries.offer(delivery)) {
            log.debug("A viewer of session {} fell behind by more reads than it may queue", sessionId);
            end();
        }
    }

    /** Ends the stream soon, from any thread. */
    void end() {
        ended = true;
        deliveries.clear();
        deliveries.offer(END);
    }

    /** Waits until the stream has ended, at most {@code timeout}. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        if (thread != null) {
            thread.join(timeout);
        }
    }

    private void run() {
        try {
            sink.open();
            catchUp();
            while (!ended) {
                Feed.Delivery delivery = deliveries.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (ended) {
                    break;
                }
                if (delivery == null) {
                    sink.heartbeat();
                } else if (position.isBefore(delivery.from())) {
                    catchUp();
                } else {
                    send(delivery.events());
                }
            }
        } catch (IOException | IllegalStateException gone) {
            log.debug("A viewer of session {} went away", sessionId);
        } catch (SessionNotFound deleted) {
            log.debug("Session {} was deleted while followed", sessionId);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unavailable) {
            log.warn("Ended a stream of session {}; the client may resume it", sessionId, unavailable);
        } finally {
            ended = true;
            sink.close();
            onEnd.run();
        }
    }

    /** Reads and sends everything after this viewer's position. */
    private void catchUp() throws IOException {
        TrialLog.Read read;
        do {
            read = trials.after(sessionId, position);
            send(read.events());
        } while (!read.complete() && !ended);
    }

    /** Sends the events after this viewer's position, in one write. */
    private void send(List<TrialEvent> events) throws IOException {
        var unseen = new ArrayList<TrialEvent>(events.size());
        for (TrialEvent event : events) {
            if (position.isBefore(event.position())) {
                unseen.add(event);
            }
        }
        if (!unseen.isEmpty()) {
            sink.send(unseen);
            position = unseen.getLast().position();
        }
    }
}
