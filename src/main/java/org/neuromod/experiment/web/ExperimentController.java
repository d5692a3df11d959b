package org.neuromod.experiment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.neuromod.core.experiment.Experiment;
import org.neuromod.experiment.ExperimentReport;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/experiments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Experiments", description = "Run the paper's simulation experiment on the server.")
class ExperimentController {

    private final SynchronousExperiments synchronous;
    private final ExperimentBudget budget;

    ExperimentController(SynchronousExperiments synchronous, ExperimentBudget budget) {
        this.synchronous = synchronous;
        this.budget = budget;
    }

    /** Requests without a {@code Prefer} header; {@link ExperimentRunController} takes the others. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "run",
            summary = "Run an experiment",
            description = "Runs every agent once per seed on the environment and reports, per agent, the mean and"
                    + " standard error over seeds of cumulative regret, final-block regret per trial and best-arm"
                    + " fraction, the learning rate and temperature averaged around every context change (50"
                    + " trials before to 200 after), the binned regret curve, and Welch's t-test of final-block"
                    + " regret against every boltzmann or discounted-ucb agent present. Seed index i gives every"
                    + " agent the same environment realisation. Undefined values (an agent without a learning"
                    + " rate) are null. Synchronous runs are bounded by neuromod.experiments.max-sync-cost (agents x seeds"
                    + " x trials x arms; the default admits 5 agents x 1,000 seeds of paper-bandit); send"
                    + " 'Prefer: respond-async' to run it, or a larger one up to neuromod.experiments.max-async-cost,"
                    + " as a job (202, Location /experiments/{id}, Preference-Applied: respond-async)."
                    + " A run that takes longer than a quarter second sends its 200 at once and leading spaces"
                    + " until the report follows, so that a client that goes away stops it.")
    @ApiResponse(responseCode = "200", description = "The results, one per agent in the request's order.")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid values (type validation, with an errors list: unknown environment or agent,"
                    + " invalid parameters, repeated labels, over a neuromod.experiments limit), over the synchronous"
                    + " budget (over-budget), or a malformed body.")
    ExperimentReport run(@Valid @RequestBody RunExperimentRequest request, HttpServletResponse response) {
        Experiment experiment = ExperimentRequests.resolve(request).experiment();
        budget.checkSynchronous(experiment);
        return synchronous.run(experiment, response);
    }
}
