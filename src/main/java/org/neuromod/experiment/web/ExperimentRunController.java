package org.neuromod.experiment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.neuromod.core.experiment.Experiment;
import org.neuromod.experiment.ExperimentJob;
import org.neuromod.experiment.ExperimentReport;
import org.neuromod.job.Job;
import org.neuromod.job.JobFile;
import org.neuromod.job.Jobs;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Experiments as jobs (src/docs/jobs.md): {@code POST /experiments} with {@code Prefer: respond-async}
 * (RFC 7240) stores the experiment and answers {@code 202} with its {@code Location}; {@code GET}
 * reports status, progress and, once done, the synchronous answer's fields and files; {@code
 * DELETE} cancels.
 */
@RestController
@RequestMapping(path = "/experiments")
@Tag(name = "Experiments", description = "Run the paper's simulation experiment on the server.")
class ExperimentRunController {

    private static final String PREFER = "Prefer";
    private static final String RESPOND_ASYNC = "respond-async";

    private final Jobs jobs;
    private final ExperimentJob kind;
    private final ExperimentBudget budget;
    private final SynchronousExperiments synchronous;
    private final JsonMapper json;

    ExperimentRunController(
            Jobs jobs,
            ExperimentJob kind,
            ExperimentBudget budget,
            SynchronousExperiments synchronous,
            JsonMapper json) {
        this.jobs = jobs;
        this.kind = kind;
        this.budget = budget;
        this.synchronous = synchronous;
        this.json = json;
    }

    /** Requests with a {@code Prefer} header: asynchronous if it asks for it, otherwise as usual. */
    @PostMapping(
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE,
            headers = PREFER)
    // One operation with ExperimentController.run in the API document (the same operation id): a
    // generated client has one method, with an optional Prefer header.
    @Operation(operationId = "run")
    @ApiResponse(responseCode = "202", description = "Accepted: the run's document, status queued.")
    @ApiResponse(responseCode = "503", description = "Too many jobs wait (job-queue-full), with Retry-After.")
    ResponseEntity<?> submit(
            @Valid @RequestBody RunExperimentRequest request,
            @Parameter(
                            description = "RFC 7240 preferences: 'respond-async' runs the experiment as a job (202,"
                                    + " Location /experiments/{id}); without it the request runs synchronously.")
                    @RequestHeader(name = PREFER, required = false)
                    List<String> preferences,
            HttpServletResponse response) {
        ExperimentJob.Request resolved = ExperimentRequests.resolve(request);
        Experiment experiment = resolved.experiment();
        if (!respondAsync(preferences)) {
            budget.checkSynchronous(experiment);
            ExperimentReport report = synchronous.run(experiment, response);
            return report == null ? null : ResponseEntity.ok(report);
        }
        budget.checkAsynchronous(experiment);
        Job job = jobs.submit(kind, resolved);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/experiments/" + job.id()))
                .header("Preference-Applied", RESPOND_ASYNC)
                .body(ExperimentRunBody.of(job, jobs.retention(), json));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "experimentRun",
            summary = "An experiment run",
            description = "id, status (queued, running, done, failed, cancelled), progress {done, total} in seed"
                    + " indices that every agent has finished, createdAt, startedAt, finishedAt, expiresAt (when"
                    + " the finished run is removed, neuromod.jobs.retention); once done every field of the"
                    + " synchronous answer and files (name to URL: CSV tables, plots, the full JSON with every"
                    + " seed's values); once failed, error (a problem). With Accept: text/csv, summary.csv.")
    @ApiResponse(
            responseCode = "200",
            description = "The run's document (JSON), or summary.csv of a done run (CSV).",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
            })
    @ApiResponse(
            responseCode = "404",
            description = "No such run (experiment-not-found); a malformed id is a 400 (validation).")
    ObjectNode get(@PathVariable String id) {
        return ExperimentRunBody.of(find(id), jobs.retention(), json);
    }

    @GetMapping(path = "/{id}", produces = "text/csv")
    @Operation(operationId = "experimentRun")
    ResponseEntity<byte[]> summary(@PathVariable String id) {
        return file(id, "summary.csv");
    }

    @GetMapping(path = "/{id}/files/{name}")
    @Operation(
            summary = "A file of a done experiment run",
            description = "results.json, summary.csv, switch-aligned.csv, regret.csv, per-seed.csv, regret.png,"
                    + " learning-rate.png, temperature.png, table.md.")
    @ApiResponse(
            responseCode = "200",
            description = "The file, in its own media type.",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
                @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary"))
            })
    @ApiResponse(responseCode = "404", description = "No such run, or no such file (yet): experiment-not-found.")
    ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String name) {
        UUID runId = parse(id);
        JobFile file = jobs.file(kind, runId, name)
                .orElseThrow(() -> new ExperimentNotFound(
                        id, "experiment run " + id + " has no file '" + abbreviate(name) + "' (yet)"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .body(file.content());
    }

    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Cancel an experiment run",
            description = "A queued or running run is cancelled (its simulation stops within a second, on"
                    + " whichever instance runs it); a finished run is left as it is. Answers the run's document.")
    @ApiResponse(
            responseCode = "200",
            description = "The run's document after the cancellation.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such run (experiment-not-found).")
    ObjectNode cancel(@PathVariable String id) {
        UUID runId = parse(id);
        Job job = jobs.cancel(kind, runId).orElseThrow(() -> notFound(id));
        return ExperimentRunBody.of(job, jobs.retention(), json);
    }

    private Job find(String id) {
        return jobs.find(kind, parse(id)).orElseThrow(() -> notFound(id));
    }

    private static ExperimentNotFound notFound(String id) {
        return new ExperimentNotFound(id, "no experiment run has the id " + id);
    }

    private static UUID parse(String id) {
        if (id.length() != 36) {
            throw new MalformedExperimentId(id);
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw new MalformedExperimentId(id);
        }
    }

    /** Whether any preference (RFC 7240: comma-separated, each with optional parameters) is respond-async. */
    static boolean respondAsync(List<String> preferences) {
        return preferences.stream()
                .flatMap(header -> List.of(header.split(",")).stream())
                .map(preference -> preference.split("[;=]", 2)[0].trim().toLowerCase(Locale.ROOT))
                .anyMatch(RESPOND_ASYNC::equals);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
