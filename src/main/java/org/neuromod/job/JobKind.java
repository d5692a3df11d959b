package org.neuromod.job;

/**
 * One kind of heavy work that runs as a job, such as an experiment or a fit. A feature registers
 * a kind by declaring it as a Spring bean; the engine finds every bean of this type at start-up.
 *
 * <p>The request is stored as JSON when the job is submitted and read back with {@link
 * #requestType()} when it runs, possibly on another instance and possibly again after the
 * instance that ran it died: {@link #run} must depend on the request alone (seeded), so that a
 * re-run gives the same result. The result is stored as JSON and read back with {@link
 * #resultType()}.
 *
 * @param <R> the request, a record that JSON can round-trip
 * @param <T> the result, a record that JSON can round-trip
 */
public interface JobKind<R, T> {

    /** A stable name, stored with every job of this kind: lower case letters, digits and dashes. */
    String name();

    Class<R> requestType();

    Class<T> resultType();

    /**
     * Does the work on the calling job thread. Report progress and check for cancellation through
     * the context; cancellation also interrupts the thread, so blocking waits end with an {@link
     * InterruptedException}. Throw {@link JobFailed} for a failure whose message the client should
     * see; any other exception fails the job with a generic message (and is logged).
     */
    T run(R request, JobContext context) throws Exception;
}
