package org.neuromod.experiment.web;

import org.neuromod.job.JobQueueFull;
import org.neuromod.web.ProblemType;
import org.neuromod.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The experiment feature's exceptions as RFC 9457 problems. */
@RestControllerAdvice(basePackageClasses = ExperimentProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExperimentProblems {

    @ExceptionHandler
    ProblemDetail overBudget(ExperimentBudget.OverBudget e) {
        ProblemDetail problem = Problems.of(ProblemType.OVER_BUDGET, e.getMessage());
        problem.setProperty("cost", e.cost());
        problem.setProperty("budget", e.budget());
        problem.setProperty("limit", e.setting());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(ExperimentNotFound e) {
        ProblemDetail problem = Problems.of(ProblemType.EXPERIMENT_NOT_FOUND, e.getMessage());
        problem.setProperty("experimentId", e.experimentId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail malformedId(MalformedExperimentId e) {
        return Problems.of(ProblemType.VALIDATION, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> queueFull(JobQueueFull e) {
        ProblemDetail problem = Problems.of(ProblemType.JOB_QUEUE_FULL, e.getMessage());
        problem.setProperty("limit", "neuromod.jobs.max-queued");
        problem.setProperty("maximum", e.limit());
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return ResponseEntity.status(ProblemType.JOB_QUEUE_FULL.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem);
    }
}
