package org.neuromod.fit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.neuromod.fit.FitNotFound;
import org.neuromod.fit.FitService;
import org.neuromod.fit.NewFit;
import org.neuromod.job.Job;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/fits", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Fits",
        description = "Fit agents to subjects' recorded choices: estimates with standard errors, AIC, BIC, log"
                + " evidence, per-trial traces, hierarchical fits and model comparison (src/docs/fitting.md).")
class FitController {

    private final FitService fits;

    FitController(FitService fits) {
        this.fits = fits;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Start a fit",
            description = "Fits one agent ('agent', 'free' {name: {minimum, maximum} | {}} with the agent's declared"
                    + " range by default, 'fixed', 'priors' for method 'map') or several ('models': [{label, agent,"
                    + " free, fixed, priors}], compared by BIC, log evidence and random-effects Bayesian model"
                    + " selection) to every subject ({label, arms, trials: [{action, reward, stimulation?}]} or"
                    + " {label, sessions: [ids]}), by 'mle' or 'map' from 'starts' (default 10) seeded starts, or"
                    + " 'hierarchical': true (empirical-Bayes EM, at most 'maxIterations'). The free parameter"
                    + " 'lapse' is accepted for every agent. Always asynchronous: runs as a job.")
    @ApiResponse(responseCode = "202", description = "Queued; Location names the fit.")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid request (validation, with an errors list) or a malformed body.")
    @ApiResponse(responseCode = "503", description = "Too many jobs wait; retry after Retry-After seconds.")
    ResponseEntity<FitStatusBody> start(@RequestBody NewFit request) {
        Job job = fits.submit(request);
        return ResponseEntity.accepted()
                .location(URI.create("/fits/" + job.id()))
                .body(FitStatusBody.of(job, fits.request(job).seed(), null));
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "A fit's status and results",
            description = "status queued, running, done, failed or cancelled; progress {done, total}; once done the"
                    + " results per subject (and model), the group priors of a hierarchical fit and the comparison"
                    + " of several models.")
    @ApiResponse(responseCode = "200", description = "The fit.")
    @ApiResponse(responseCode = "404", description = "No such fit (fit-not-found).")
    FitStatusBody get(@Parameter(description = "The fit's id (a UUID).") @PathVariable String id) {
        Job job = fits.find(parse(id));
        return FitStatusBody.of(job, fits.request(job).seed(), fits.report(job).orElse(null));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Cancel a fit", description = "A queued or running fit stops; a finished one is unchanged.")
    @ApiResponse(responseCode = "200", description = "The fit after cancelling.")
    @ApiResponse(responseCode = "404", description = "No such fit (fit-not-found).")
    FitStatusBody cancel(@PathVariable String id) {
        Job job = fits.cancel(parse(id));
        return FitStatusBody.of(job, fits.request(job).seed(), fits.report(job).orElse(null));
    }

    @GetMapping(path = "/{id}/subjects/{label}/trials", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "fitTrials",
            summary = "A subject's per-trial trace at its estimates",
            description = "The agent replayed on the subject's trials at the fitted parameters: per trial the policy,"
                    + " the probability of the subject's action, its log-likelihood term, the prediction error and"
                    + " every signal (learning rate, temperature, uncertainties, values) at the start of the trial."
                    + " With Accept: text/csv, one row per trial. 'model' names the model of a comparison.")
    @ApiResponse(
            responseCode = "200",
            description = "The trace (JSON), or one row per trial (CSV).",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = TraceBody.class)),
                @Content(mediaType = TraceCsv.MEDIA_TYPE, schema = @Schema(type = "string"))
            })
    @ApiResponse(responseCode = "404", description = "No such fit, subject or model.")
    @ApiResponse(responseCode = "409", description = "The fit is not done (fit-not-finished).")
    TraceBody trace(
            @PathVariable String id,
            @PathVariable String label,
            @Parameter(description = "The model's label, needed when the fit compared several.")
                    @RequestParam(required = false)
                    String model) {
        return TraceBody.of(fits.trace(parse(id), label, model));
    }

    @GetMapping(path = "/{id}/subjects/{label}/trials", produces = TraceCsv.MEDIA_TYPE)
    @Operation(operationId = "fitTrials")
    ResponseEntity<String> traceAsCsv(
            @PathVariable String id, @PathVariable String label, @RequestParam(required = false) String model) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(TraceCsv.MEDIA_TYPE))
                .body(TraceCsv.of(fits.trace(parse(id), label, model)));
    }

    /** A text that is not a UUID cannot name a fit: answered like an unknown id. */
    private static UUID parse(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException notUuid) {
            // answered below, like any unknown id
        }
        throw new FitNotFound(id.length() <= 64 ? id : id.substring(0, 64) + "...");
    }
}
