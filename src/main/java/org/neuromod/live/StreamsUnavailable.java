package org.neuromod.live;

import java.time.Duration;

/** No stream can be opened now: this instance serves as many as it may, or it is shutting down. */
public final class StreamsUnavailable extends RuntimeException {

    private final Duration retryAfter;

    StreamsUnavailable(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** When a new attempt may succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
