package org.neuromod.live.web;

import java.io.IOException;
import org.neuromod.live.EventSink;
import org.neuromod.live.TrialEvent;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A viewer's events as Server-Sent Events on an asynchronous response. */
final class SseSink implements EventSink {

    /** How long a client waits before it reconnects after the stream ended (the SSE retry field). */
    private static final long RECONNECT_MILLIS = 2000;

    private final SseEmitter emitter;

    SseSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void open() throws IOException {
        emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("trial events"));
    }

    @Override
    public void send(TrialEvent event) throws IOException {
        emitter.send(SseEmitter.event()
                .id(event.position().id())
                .name("trial")
                .data(event.data(), MediaType.APPLICATION_JSON));
    }

    @Override
    public void heartbeat() throws IOException {
        emitter.send(SseEmitter.event().comment("heartbeat"));
    }

    @Override
    public void close() {
        emitter.complete();
    }
}
