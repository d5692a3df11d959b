package org.neuromod.job;

import java.time.Duration;

/** A job was refused because too many jobs already wait ({@code neuromod.jobs.max-queued}). */
public class JobQueueFull extends RuntimeException {

    private final int limit;
    private final Duration retryAfter;

    public JobQueueFull(int limit, Duration retryAfter) {
        super("too many jobs are waiting (at most " + limit + ", neuromod.jobs.max-queued); try again later");
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public int limit() {
        return limit;
    }

    /** How long the client should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
