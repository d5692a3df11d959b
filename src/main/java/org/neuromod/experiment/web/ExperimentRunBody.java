package org.neuromod.experiment.web;

import java.time.Duration;
import java.time.Instant;
import org.neuromod.job.Job;
import org.neuromod.job.JobStatus;
import org.neuromod.web.ProblemType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document of an experiment run: {@code id}, {@code status}, {@code progress} (seed indices
 * every agent has finished, of all), {@code attempts} (more than 1 if an instance died running
 * it and another ran it again), timestamps, and once done every field of the synchronous
 * answer plus links to its files; once failed, an {@code error} problem.
 */
final class ExperimentRunBody {

    private ExperimentRunBody() {}

    static ObjectNode of(Job job, Duration retention, JsonMapper json) {
        ObjectNode body = json.createObjectNode();
        String path = "/experiments/" + job.id();
        body.put("id", job.id().toString());
        body.put("status", job.status().jsonName());
        ObjectNode progress = body.putObject("progress");
        progress.put("done", job.progress().done());
        progress.put("total", job.progress().total());
        body.put("attempts", job.attempts());
        body.put("createdAt", text(job.createdAt()));
        body.put("startedAt", text(job.startedAt()));
        body.put("finishedAt", text(job.finishedAt()));
        body.put(
                "expiresAt",
                job.finishedAt() == null ? null : text(job.finishedAt().plus(retention)));
        if (job.status() == JobStatus.FAILED && job.error() != null) {
            ObjectNode error = body.putObject("error");
            error.put("type", ProblemType.JOB_FAILED.uri().toString());
            error.put("title", ProblemType.JOB_FAILED.title());
            error.put("status", ProblemType.JOB_FAILED.status().value());
            error.put("detail", job.error().detail());
        }
        if (job.status() == JobStatus.DONE && job.result() != null) {
            ObjectNode files = body.putObject("files");
            job.files().forEach(name -> files.put(name, path + "/files/" + name));
            JsonNode result = json.readTree(job.result());
            result.properties().forEach(field -> body.set(field.getKey(), field.getValue()));
        }
        return body;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
