package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neuromod.session.Trial;

@Schema(name = "Decision", description = "The open trial: the action to take and how it was chosen.")
record ActBody(
        @Schema(description = "The trial number, 1, 2, 3... per session.")
        int trial,

        @Schema(description = "The arm to take, 0-based.") int action,

        @Schema(description = "The policy the action was drawn from: one probability per arm.")
        List<Double> probabilities,

        @Schema(description = "The agent's signals at the moment of choice.")
        SignalsBody signals,

        @Schema(description = "The trial's stimulation level.")
        double stimulation,

        @Schema(description = "The rig's metadata sent with the act.")
        Map<String, Object> metadata,

        @Schema(description = "When the service decided the trial (UTC).")
        Instant actedAt) {

    static ActBody of(Trial trial) {
        return new ActBody(
                trial.number(),
                trial.action(),
                Arrays.stream(trial.probabilities()).boxed().toList(),
                SignalsBody.of(trial.signals()),
                trial.stimulation(),
                trial.actMetadata().values(),
                trial.actedAt());
    }
}
