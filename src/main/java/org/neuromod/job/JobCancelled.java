package org.neuromod.job;

import java.util.UUID;

/** Thrown by {@link JobContext#checkCancelled()} inside a job that has been cancelled. */
public class JobCancelled extends RuntimeException {

    private final UUID jobId;

    public JobCancelled(UUID jobId) {
        super("job " + jobId + " was cancelled");
        this.jobId = jobId;
    }

    public UUID jobId() {
        return jobId;
    }
}
