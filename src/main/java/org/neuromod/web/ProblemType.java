package org.neuromod.web;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the service reports, each with a stable {@code type} (RFC 9457) that
 * clients may branch on, the HTTP status it travels with, a human-readable title, and the text of
 * its documentation page.
 *
 * <p>The type is the relative reference {@code /problems/{slug}} (RFC 9457 section 3.1.1 allows a
 * URI reference, resolved against the request's URL): it names the page the service itself serves
 * at {@code GET /problems/{slug}}, so every type leads to its documentation on whichever host and
 * port the service runs, with no domain outside the project's control. The slugs are stable.
 */
public enum ProblemType {
    VALIDATION(
            "validation",
            HttpStatus.BAD_REQUEST,
            "Invalid request",
            "A field, query parameter or agent parameter has a value outside its allowed range or set, a required"
                    + " value is missing, or a batch step is invalid. The property errors lists one message per"
                    + " problem (for a batch, naming the step as steps[i]).",
            "Correct the values named in errors and send the request again; GET /agents gives each agent's"
                    + " parameters with their ranges. Nothing was changed."),
    MALFORMED_REQUEST(
            "malformed-request",
            HttpStatus.BAD_REQUEST,
            "Malformed request",
            "The body could not be read: it is not JSON, a field has the wrong type, a field is unknown, a number"
                    + " is not finite or out of range, or the body breaks a JSON limit.",
            "Send a JSON body as described in /v3/api-docs; the detail names the part that could not be read."
                    + " Nothing was changed."),
    SESSION_NOT_FOUND(
            "session-not-found",
            HttpStatus.NOT_FOUND,
            "Session not found",
            "No session has the id in the path: it was never created, it was deleted, or the id is not a UUID.",
            "Check the id (property sessionId); create a new session with POST /sessions if it is gone."),
    FIT_NOT_FOUND(
            "fit-not-found",
            HttpStatus.NOT_FOUND,
            "Fit not found",
            "No fit has the id in the path (or no subject has the label): it was never submitted, it finished"
                    + " longer ago than the retention time and was removed, or the id is not a UUID.",
            "Check the id and the subject label; submit the fit again if it is gone."),
    FIT_NOT_FINISHED(
            "fit-not-finished",
            HttpStatus.CONFLICT,
            "Fit not finished",
            "The fit's per-trial traces exist only once the fit is done; it is still queued or running, or it"
                    + " failed or was cancelled.",
            "Poll GET /fits/{id} until its status is done, then ask again."),
    NOT_FOUND(
            "not-found",
            HttpStatus.NOT_FOUND,
            "Not found",
            "No endpoint or page answers this path.",
            "See /v3/api-docs for the endpoints the service offers."),
    EXPERIMENT_NOT_FOUND(
            "experiment-not-found",
            HttpStatus.NOT_FOUND,
            "Experiment not found",
            "No experiment run has the id in the path: it was never submitted, it finished longer ago than the"
                    + " retention time and was removed, or the id is not a UUID.",
            "Check the id; submit the experiment again with Prefer: respond-async if it is gone."),
    METHOD_NOT_ALLOWED(
            "method-not-allowed",
            HttpStatus.METHOD_NOT_ALLOWED,
            "Method not allowed",
            "The path exists but does not accept this HTTP method.",
            "Use one of the methods in the Allow header."),
    NOT_ACCEPTABLE(
            "not-acceptable",
            HttpStatus.NOT_ACCEPTABLE,
            "Not acceptable",
            "The Accept header allows none of the media types the endpoint produces.",
            "Accept application/json (or application/problem+json, or */*); the trial log also comes as"
                    + " text/csv."),
    TRIAL_CONFLICT(
            "trial-conflict",
            HttpStatus.CONFLICT,
            "Trial conflict",
            "A feedback names a trial that is already closed, with a different action, reward or stimulation than"
                    + " the one stored. Properties sessionId and trial.",
            "Do not resend: the stored outcome stands. Read it with GET /sessions/{id}/trials and go on with the"
                    + " next trial."),
    UNEXPECTED_TRIAL(
            "unexpected-trial",
            HttpStatus.CONFLICT,
            "Unexpected trial",
            "A feedback names a trial number that is neither the open trial nor the session's next trial."
                    + " Properties sessionId, trial and expectedTrial.",
            "Resynchronise with the session: send the feedback for expectedTrial, or act first."),
    BATCH_CONFLICT(
            "batch-conflict",
            HttpStatus.CONFLICT,
            "Batch conflict",
            "A batch cannot be applied: a trial is open, firstTrial is not the session's next trial, or a retried"
                    + " batch differs from the trials stored at its numbers. Properties sessionId, firstTrial,"
                    + " expectedTrial, and openTrial or trial where they apply.",
            "Close the open trial with a feedback, or send the batch again with firstTrial = expectedTrial."
                    + " Nothing was applied."),
    CONCURRENT_UPDATE(
            "concurrent-update",
            HttpStatus.CONFLICT,
            "Concurrent update",
            "Other service instances kept changing the same session while this request was applied.",
            "Send the same request again: it was not applied, and the trial number keeps the retry exactly-once."),
    LIMIT_EXCEEDED(
            "limit-exceeded",
            HttpStatus.CONFLICT,
            "Limit exceeded",
            "The service already holds neuromod.limits.max-sessions sessions (properties limit and maximum).",
            "Delete sessions that are no longer needed, or ask the operator to raise the limit."),
    OVER_BUDGET(
            "over-budget",
            HttpStatus.BAD_REQUEST,
            "Over budget",
            "The experiment would cost more (agent-steps x arms) than a synchronous request may (properties cost"
                    + " and budget), or more than an asynchronous run may.",
            "Send it with the header Prefer: respond-async to run it as a job, or ask for fewer seeds, agents or"
                    + " arms. Nothing was run."),
    PAYLOAD_TOO_LARGE(
            "payload-too-large",
            HttpStatus.CONTENT_TOO_LARGE,
            "Payload too large",
            "The request body is larger than neuromod.limits.max-body-bytes, or for a batch"
                    + " neuromod.limits.max-batch-body-bytes (properties limit and maxBodyBytes).",
            "Send a smaller body: split a batch into several batches with consecutive firstTrial values."),
    UNSUPPORTED_MEDIA_TYPE(
            "unsupported-media-type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            "The request body's Content-Type is missing or is not one the endpoint reads.",
            "Send the body as application/json."),
    REQUEST_REJECTED(
            "request-rejected",
            HttpStatus.BAD_REQUEST,
            "Request rejected",
            "The request was refused before it reached the service's logic, for a reason no more specific type"
                    + " covers (for example a malformed URL or header). The status tells which.",
            "Check the request line and headers against /v3/api-docs."),
    SERVICE_UNAVAILABLE(
            "service-unavailable",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable",
            "The service cannot answer now: it is starting, shutting down, or its database is unreachable.",
            "Retry after a pause."),
    JOB_QUEUE_FULL(
            "job-queue-full",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Too many waiting jobs",
            "As many jobs as neuromod.jobs.max-queued are already waiting (property limit).",
            "Retry after the number of seconds in the Retry-After header, or cancel runs you no longer need."),
    JOB_FAILED(
            "job-failed",
            HttpStatus.UNPROCESSABLE_CONTENT,
            "Job failed",
            "An asynchronous run ended with an error; its status document carries this problem with the detail.",
            "Read the detail; correct the request and submit it again."),
    SERVER_ERROR(
            "server-error",
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal server error",
            "The service failed to handle a request it should have handled; the failure is logged.",
            "Report it to the operator with the time of the request; the request may be retried.");

    /** Where every problem type lives: a reference relative to the service's own URL. */
    public static final String BASE = "/problems/";

    private final String slug;
    private final URI uri;
    private final HttpStatus status;
    private final String title;
    private final String occurs;
    private final String remedy;

    ProblemType(String slug, HttpStatus status, String title, String occurs, String remedy) {
        this.slug = slug;
        this.uri = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
        this.occurs = occurs;
        this.remedy = remedy;
    }

    /** The last segment of the type, such as {@code trial-conflict}. */
    public String slug() {
        return slug;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** When the service reports this problem. */
    public String occurs() {
        return occurs;
    }

    /** What a client should do about it. */
    public String remedy() {
        return remedy;
    }

    static Optional<ProblemType> ofSlug(String slug) {
        return Arrays.stream(values()).filter(type -> type.slug.equals(slug)).findFirst();
    }

    /** The type for a status that no more specific type covers. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? SERVER_ERROR : REQUEST_REJECTED;
        };
    }
}
