package org.neuromod.live.web;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.neuromod.live.EventSink;
import org.neuromod.live.TrialEvent;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
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

    /**
     * Writes the events as one text of Server-Sent Events, flushed once. The data is compact JSON,
     * which holds no line break, so each event's data is one line.
     */
    @Override
    public void send(List<TrialEvent> events) throws IOException {
        var frames = new StringBuilder(events.size() * 1024);
        for (TrialEvent event : events) {
            frames.append("id:")
                    .append(event.position().id())
                    .append("\nevent:trial\ndata:")
                    .append(event.data())
                    .append("\n\n");
        }
        emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(frames.toString(), MediaType.TEXT_PLAIN)));
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
