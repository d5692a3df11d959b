package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.neuromod.session.Batch;
import org.neuromod.session.Feedback;
import org.neuromod.session.InvalidPage;
import org.neuromod.session.Metadata;
import org.neuromod.session.Page;
import org.neuromod.session.SessionService;
import org.neuromod.session.Trial;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/sessions/{id}")
@Tag(name = "Trials", description = "The trial loop (act, then feedback; or many trials in a batch) and the trial log.")
@ApiResponse(
        responseCode = "404",
        description = "No such session; ids that are not UUIDs name no session either (type session-not-found).")
class TrialController {

    private static final String TRIALS_LIMIT = "Largest number of trials to return. JSON: default 100, at most"
            + " neuromod.limits.max-page-size. CSV: default all trials, no maximum.";

    private final SessionService sessions;

    TrialController(SessionService sessions) {
        this.sessions = sessions;
    }

    @PostMapping(
            path = "/act",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Act: get the action for the next trial",
            description = "If a trial is open (acted on, no feedback yet), returns that same trial unchanged, so a"
                    + " retried request never draws twice. Otherwise the agent decides trial n+1. The body is"
                    + " optional.")
    @ApiResponse(responseCode = "200", description = "The open trial.")
    @ApiResponse(
            responseCode = "409",
            description = "Other service instances kept changing the session; not applied, retry (type"
                    + " concurrent-update).")
    ActBody act(
            @Parameter(description = "The session's id (a UUID).") @PathVariable String id,
            @RequestBody(required = false) ActRequest request) {
        double stimulation = request == null || request.stimulation() == null ? 0 : request.stimulation();
        Metadata metadata = Metadata.of(request == null ? null : request.metadata());
        return ActBody.of(sessions.act(SessionIds.parse(id), stimulation, metadata));
    }

    @PostMapping(
            path = "/feedback",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Feedback: report a trial's outcome", description = """
                    Closes the open trial: the agent learns from the reward for its action, or for the body's \
                    action (shadow mode: the subject chose another arm). With no open trial, a feedback for \
                    the next trial number that names an action records a trial the subject chose on its own; \
                    actionProbability is then the agent's probability of that action before learning. \
                    reward null closes a no-response trial without learning. Sending the same feedback again \
                    (same trial, action and reward) is applied once and answers the same body; a different \
                    payload for a closed trial is a 409 trial-conflict; any other trial number is a 409 \
                    unexpected-trial naming the expected trial (expectedTrial).""")
    @ApiResponse(responseCode = "200", description = "The closed trial's outcome.")
    @ApiResponse(
            responseCode = "409",
            description = "trial-conflict (the trial is closed with a different payload), unexpected-trial (not the"
                    + " open trial; property expectedTrial) or concurrent-update (retry).")
    FeedbackBody feedback(
            @Parameter(description = "The session's id (a UUID).") @PathVariable String id,
            @Valid @RequestBody FeedbackRequest request) {
        var feedback = new Feedback(
                request.trial(),
                request.reward(),
                request.action(),
                request.stimulation(),
                Metadata.of(request.metadata()));
        return FeedbackBody.of(sessions.feedback(SessionIds.parse(id), feedback));
    }

    @PostMapping(
            path = "/batch",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Batch: many trials in one request", description = """
                    Applies the steps in order, one trial each, exactly as act and feedback would: a step with \
                    rewards (one per arm, what every arm pays on this step) is an act, then a feedback with the \
                    reward of the chosen arm; a step with action and reward is a trial the subject chose on its \
                    own. The whole batch is one transaction: all of it is applied or nothing. firstTrial must be \
                    the session's next trial and no trial may be open. Sent again (a retry after a lost answer), \
                    the same batch answers the stored trials and applies nothing; a step matches a stored trial \
                    when the action it names, the reward of the arm taken and the stimulation are the same. \
                    Anything else at that firstTrial is a 409 batch-conflict naming the session's next trial \
                    (expectedTrial). An invalid step refuses the whole batch with a 400 naming the step \
                    (steps[i]).""")
    @ApiResponse(responseCode = "200", description = "The batch's trials, applied now or before.")
    @ApiResponse(
            responseCode = "409",
            description = "batch-conflict (a trial is open, firstTrial is not the next trial, or the stored trials"
                    + " differ; properties expectedTrial, openTrial, trial) or concurrent-update (retry).")
    @ApiResponse(
            responseCode = "413",
            description = "Body over neuromod.limits.max-batch-body-bytes, default 4194304 (type payload-too-large).")
    BatchBody batch(
            @Parameter(description = "The session's id (a UUID).") @PathVariable String id,
            @RequestBody BatchRequest request) {
        UUID sessionId = SessionIds.parse(id);
        Batch batch = request.toBatch();
        return BatchBody.of(batch.firstTrial(), sessions.batch(sessionId, batch));
    }

    @GetMapping(path = "/trials", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "trials",
            summary = "The trial log",
            description = "The session's trials in order, one page at a time. With Accept: text/csv the log comes as"
                    + " CSV with a header row, all trials unless offset/limit are given (not bounded by the page"
                    + " size).")
    @ApiResponse(
            responseCode = "200",
            description = "A page of trials (JSON) or the log as CSV.",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = TrialsPage.class)),
                @Content(
                        mediaType = TrialCsv.MEDIA_TYPE,
                        schema =
                                @Schema(
                                        type = "string",
                                        description =
                                                "Columns: trial, action, proposedAction, reward, noResponse,"
                                                        + " predictionError, actionProbability, logLikelihood, stimulation,"
                                                        + " learningRate, temperature, expectedUncertainty, unexpectedUncertainty,"
                                                        + " value_0..value_{k-1}, probability_0..probability_{k-1}, actMetadata,"
                                                        + " feedbackMetadata (JSON, quoted), actedAt, closedAt. Empty cell = null."))
            })
    TrialsPage trials(
            @Parameter(description = "The session's id (a UUID).") @PathVariable String id,
            @Parameter(description = "Index of the first trial to return (0 = trial 1).")
                    @RequestParam(defaultValue = "0")
                    long offset,
            @Parameter(description = TRIALS_LIMIT) @RequestParam(defaultValue = "100") int limit) {
        Page<Trial> page = sessions.trials(SessionIds.parse(id), offset, limit);
        return new TrialsPage(page.items().stream().map(TrialBody::of).toList(), page.total(), offset, limit);
    }

    @GetMapping(path = "/trials", produces = TrialCsv.MEDIA_TYPE)
    @Operation(operationId = "trials")
    ResponseEntity<StreamingResponseBody> trialsAsCsv(
            @Parameter(description = "The session's id (a UUID).") @PathVariable String id,
            @Parameter(description = "Index of the first trial to return (0 = trial 1).")
                    @RequestParam(defaultValue = "0")
                    long offset,
            @Parameter(description = TRIALS_LIMIT) @RequestParam(required = false) Long limit) {
        UUID sessionId = SessionIds.parse(id);
        var csv = new TrialCsv(sessions.get(sessionId).arms());
        long rows = limit == null ? Long.MAX_VALUE : limit;
        if (offset < 0 || rows < 0) {
            throw new InvalidPage(List.of("offset and limit must not be negative"));
        }
        StreamingResponseBody body = out -> {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(csv.header());
            sessions.exportTrials(sessionId, offset, rows, trial -> {
                try {
                    writer.write(csv.row(trial));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "inline; filename=\"session-" + sessionId + "-trials.csv\"")
                .body(body);
    }
}
