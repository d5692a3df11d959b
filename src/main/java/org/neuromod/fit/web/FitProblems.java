package org.neuromod.fit.web;

import org.neuromod.core.fit.InvalidFit;
import org.neuromod.fit.FitNotFinished;
import org.neuromod.fit.FitNotFound;
import org.neuromod.fit.UnknownSubject;
import org.neuromod.job.JobQueueFull;
import org.neuromod.web.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The fits' own problems (RFC 9457): an invalid fit is a 400 validation problem listing every
 * error, an unknown fit 404, traces of an unfinished fit 409, a full job queue 503 with
 * Retry-After. Ordered before the service-wide advice, whose catch-all would otherwise take them.
 */
@RestControllerAdvice(basePackageClasses = FitController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FitProblems {

    @ExceptionHandler
    ProblemDetail invalid(InvalidFit e) {
        ProblemDetail problem = problem(ProblemType.VALIDATION, String.join("; ", e.problems()));
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(FitNotFound e) {
        return problem(ProblemType.FIT_NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownSubject(UnknownSubject e) {
        return problem(ProblemType.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFinished(FitNotFinished e) {
        return problem(ProblemType.FIT_NOT_FINISHED, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> queueFull(JobQueueFull e) {
        ProblemDetail problem = problem(ProblemType.JOB_QUEUE_FULL, e.getMessage());
        problem.setProperty("limit", "neuromod.jobs.max-queued");
        problem.setProperty("maximum", e.limit());
        return ResponseEntity.status(ProblemType.JOB_QUEUE_FULL.status())
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem);
    }

    private static ProblemDetail problem(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatusCode.valueOf(type.status().value()), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }
}
