package org.neuromod.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as stored: what was asked, where it is, and what came out.
 *
 * @param kind the {@link JobKind#name()} it runs
 * @param request the request as JSON
 * @param result the result as JSON once {@code done}, otherwise null
 * @param error why it failed once {@code failed}, otherwise null
 * @param files names of the files the job attached, once {@code done}
 * @param attempts how many times it was started (more than 1 after an instance died running it)
 * @param startedAt when it last started, null while queued
 * @param finishedAt when it finished or was cancelled, null before
 */
public record Job(
        UUID id,
        String kind,
        JobStatus status,
        JobProgress progress,
        String request,
        String result,
        JobError error,
        List<String> files,
        int attempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    public Job {
        files = List.copyOf(files);
    }
}
