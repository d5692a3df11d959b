package org.neuromod.fit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.neuromod.fit.FitReport;
import org.neuromod.job.Job;
import org.neuromod.job.JobProgress;

/**
 * The document of {@code GET /fits/{id}} (src/docs/fitting.md): the job's status and progress and, once done,
 * the report's fields at the top level.
 *
 * @param results one per subject (and model); empty until done
 * @param groups the group priors of a hierarchical fit
 * @param comparison the model comparison of a fit of several models
 * @param error why the fit failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FitStatusBody(
        UUID id,
        String status,
        JobProgress progress,
        long seed,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<FitReport.SubjectResult> results,
        List<FitReport.GroupResult> groups,
        FitReport.Comparison comparison,
        Error error) {

    record Error(String detail) {}

    static FitStatusBody of(Job job, long seed, FitReport report) {
        return new FitStatusBody(
                job.id(),
                job.status().jsonName(),
                job.progress(),
                seed,
                job.createdAt(),
                job.startedAt(),
                job.finishedAt(),
                report == null ? List.of() : report.results(),
                report == null || report.groups().isEmpty() ? null : report.groups(),
                report == null ? null : report.comparison(),
                job.error() == null ? null : new Error(job.error().detail()));
    }
}
