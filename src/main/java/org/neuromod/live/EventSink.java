package org.neuromod.live;

import java.io.IOException;
import java.util.List;

/** Where one viewer's events go: the HTTP stream of one client. Called from one thread only. */
public interface EventSink {

    /** Starts the stream, so that the client sees it open before the first event. */
    void open() throws IOException;

    /** Sends events in order, at once: one write for the lot. */
    void send(List<TrialEvent> events) throws IOException;

    /** Tells the client and any proxy between that the idle stream is alive. */
    void heartbeat() throws IOException;

    /** Ends the stream; the client may resume from its last event. */
    void close();
}
