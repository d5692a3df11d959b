package org.neuromod.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the service reports, each with a stable {@code type} URI (RFC 9457) that
 * clients may branch on, the HTTP status it travels with and a human-readable title.
 */
public enum ProblemType {
    VALIDATION("validation", HttpStatus.BAD_REQUEST, "Invalid request"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    SESSION_NOT_FOUND("session-not-found", HttpStatus.NOT_FOUND, "Session not found"),
    FIT_NOT_FOUND("fit-not-found", HttpStatus.NOT_FOUND, "Fit not found"),
    FIT_NOT_FINISHED("fit-not-finished", HttpStatus.CONFLICT, "Fit not finished"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    EXPERIMENT_NOT_FOUND("experiment-not-found", HttpStatus.NOT_FOUND, "Experiment not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    TRIAL_CONFLICT("trial-conflict", HttpStatus.CONFLICT, "Trial conflict"),
    UNEXPECTED_TRIAL("unexpected-trial", HttpStatus.CONFLICT, "Unexpected trial"),
    BATCH_CONFLICT("batch-conflict", HttpStatus.CONFLICT, "Batch conflict"),
    CONCURRENT_UPDATE("concurrent-update", HttpStatus.CONFLICT, "Concurrent update"),
    LIMIT_EXCEEDED("limit-exceeded", HttpStatus.CONFLICT, "Limit exceeded"),
    OVER_BUDGET("over-budget", HttpStatus.BAD_REQUEST, "Over budget"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    REQUEST_REJECTED("request-rejected", HttpStatus.BAD_REQUEST, "Request rejected"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    JOB_QUEUE_FULL("job-queue-full", HttpStatus.SERVICE_UNAVAILABLE, "Too many waiting jobs"),
    JOB_FAILED("job-failed", HttpStatus.UNPROCESSABLE_CONTENT, "Job failed"),
    SERVER_ERROR("server-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");

    /** Where every problem type lives. */
    public static final String BASE = "https://neuromod.org/problems/";

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
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
