package org.neuromod.job;

import java.util.UUID;

/** What a running job sees of the engine: its identity, progress reports, cancellation and files. */
public interface JobContext {

    UUID jobId();

    /** How many times the job has been started, 1 on its first run (more after an instance died). */
    int attempt();

    /**
     * Reports progress; cheap enough to call after every unit of work (the engine stores the latest
     * value a few times a second).
     */
    void progress(long done, long total);

    /** Whether the job has been cancelled (on any instance); the work should stop soon after. */
    boolean cancelled();

    /** @throws JobCancelled if the job has been cancelled */
    default void checkCancelled() {
        if (cancelled()) {
            throw new JobCancelled(jobId());
        }
    }

    /**
     * Adds a file (a CSV table, a plot) that is stored with the result, in the same transaction, and
     * served by the feature's HTTP layer. A name added twice keeps the last content.
     */
    void attach(String name, String mediaType, byte[] content);
}
