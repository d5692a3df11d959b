package org.neuromod.experiment.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

@Schema(
        name = "RunExperiment",
        description = "A simulation experiment (Lee, Liebana Garcia, Clopath & Dabney 2024, section 4):"
                + " every agent runs once per seed on the environment.")
@RunnableExperiment
record RunExperimentRequest(
        @Schema(description = "The environment: paper-bandit or reversal.", example = "paper-bandit") @NotBlank
        String environment,

        @Schema(
                description = "Environment parameter values by name; missing ones take their defaults"
                        + " (paper-bandit: arms, blocks, blockLength, switchProbability; reversal: blocks,"
                        + " blockLength, highProbability, lowProbability, stimulation).",
                example = "{\"blocks\": 16}")
        Map<String, Object> environmentParameters,

        @Schema(
                description = "Runs per agent, at least 1 and at most neuromod.experiments.max-seeds (default 1000).",
                example = "200")
        @NotNull
        @Min(1)
        Integer seeds,

        @Schema(
                description = "The experiment's seed, from which every run's seeds are derived. If absent, one in"
                        + " [0, 2^53) is chosen and reported.",
                example = "1")
        Long seed,

        @Schema(description = "The agents, at most neuromod.experiments.max-agents (default 16).") @NotEmpty
        List<@NotNull @Valid AgentEntry> agents) {

    @Schema(name = "ExperimentAgent", description = "One agent of the experiment.")
    record AgentEntry(
            @Schema(
                    description = "Names the agent in the results; unique; defaults to the agent type's name.",
                    example = "nm")
            String label,

            @Schema(description = "The agent type's name, as listed by GET /agents.", example = "neuromodulated")
            @NotBlank
            String agent,

            @Schema(
                    description = "Parameter values by name (see GET /agents); missing ones take their defaults.",
                    example = "{}")
            Map<String, Object> parameters) {

        String effectiveLabel() {
            return label == null || label.isBlank() ? agent : label;
        }

        Map<String, Object> effectiveParameters() {
            return parameters == null ? Map.of() : parameters;
        }
    }

    Map<String, Object> effectiveEnvironmentParameters() {
        return environmentParameters == null ? Map.of() : environmentParameters;
    }
}
