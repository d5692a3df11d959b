package org.neuromod.experiment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.SecureRandom;
import java.util.List;
import org.neuromod.core.environment.EnvironmentCatalog;
import org.neuromod.core.environment.EnvironmentType;
import org.neuromod.core.experiment.Experiment;
import org.neuromod.core.experiment.ExperimentAgent;
import org.neuromod.core.experiment.ExperimentRunner;
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

    /** Seeds chosen for the client stay exact in every JSON client (doubles hold 53 bits). */
    private static final long SEED_BOUND = 1L << 53;

    private final ExperimentRunner runner;
    private final SecureRandom seeds = new SecureRandom();

    ExperimentController(ExperimentRunner runner) {
        this.runner = runner;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Run an experiment",
            description = "Runs every agent once per seed on the environment and reports, per agent, the mean and"
                    + " standard error over seeds of cumulative regret, final-block regret per trial and best-arm"
                    + " fraction, the learning rate and temperature averaged around every context change (50"
                    + " trials before to 200 after), the binned regret curve, and Welch's t-test of final-block"
                    + " regret against every boltzmann or discounted-ucb agent present. Seed index i gives every"
                    + " agent the same environment realisation. Undefined values (an agent without a learning"
                    + " rate) are null.")
    @ApiResponse(responseCode = "200", description = "The results, one per agent in the request's order.")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid values (type validation, with an errors list: unknown environment or agent,"
                    + " invalid parameters, repeated labels, over a neuromod.experiments limit) or a malformed body.")
    ExperimentReport run(@Valid @RequestBody RunExperimentRequest request) {
        EnvironmentType environment =
                EnvironmentCatalog.find(request.environment()).orElseThrow();
        List<ExperimentAgent> agents = request.agents().stream()
                .map(agent -> ExperimentAgent.of(agent.effectiveLabel(), agent.agent(), agent.effectiveParameters()))
                .toList();
        long seed = request.seed() != null ? request.seed() : seeds.nextLong(SEED_BOUND);
        var experiment = new Experiment(
                environment,
                environment.resolve(request.effectiveEnvironmentParameters()),
                agents,
                request.seeds(),
                seed);
        return ExperimentReport.of(runner.run(experiment), false);
    }
}
