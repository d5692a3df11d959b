package org.neuromod.job;

/**
 * Thrown by a job's work for a failure the client should read about (an optimiser that did not
 * converge, data that turned out unusable); the job ends {@code failed} with this message.
 */
public class JobFailed extends RuntimeException {

    public JobFailed(String message) {
        super(message);
    }

    public JobFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
