package org.neuromod.job;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Where jobs are stored. Every change of state is conditional on the state it leaves, and the end
 * of a run also on the attempt that ran it, so that of two instances that both ran a job (one
 * thought dead) exactly one result is stored.
 */
public interface JobRepository {

    /** Stores a new job, queued. */
    void insert(UUID id, String kind, String request, Instant createdAt);

    Optional<Job> find(UUID id);

    long count(JobStatus status);

    /**
     * Marks a queued or running job as running (again) and counts the attempt.
     *
     * @return the attempt's number, or empty if the job is finished or gone
     */
    OptionalInt start(UUID id, String owner, Instant now);

    void progress(UUID id, int attempt, JobProgress progress);

    /** @return whether the result was stored (the attempt still owned the running job) */
    boolean complete(UUID id, int attempt, String result, JobProgress progress, List<JobFile> files, Instant now);

    /** @return whether the failure was stored (the attempt still owned the running job) */
    boolean fail(UUID id, int attempt, JobError error, Instant now);

    /** @return whether a queued or running job was cancelled by this call */
    boolean cancel(UUID id, Instant now);

    /** The jobs among {@code ids} that are no longer running (cancelled, or finished elsewhere). */
    Set<UUID> notRunning(Collection<UUID> ids);

    Optional<JobFile> file(UUID id, String name);

    /** Removes jobs that finished before {@code cutoff}; @return how many */
    int deleteFinishedBefore(Instant cutoff);
}
