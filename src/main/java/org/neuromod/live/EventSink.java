package org.neuromod.live;

import java.io.IOException;

/** Where one viewer's events go: the HTTP stream of one client. Called from one thread only. */
public interface EventSink {

    /** Starts the stream, so that the client sees it open before the first event. */
    void open() throws IOException;

    void send(TrialEvent event) throws IOException;

    /** Tells the client and any proxy between that the idle stream is alive. */
    void heartbeat() throws IOException;

    /** Ends the stream; the client may resume from its last event. */
    void close();
}
