package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neuromod.session.Outcome;
import org.neuromod.session.Trial;

@Schema(name = "TrialRecord", description = "One trial of the log: its decision and, once closed, its outcome.")
public record TrialBody(
        @Schema(description = "The trial number.") int trial,

        @Schema(description = "The arm taken: the subject's if feedback named one, else the agent's proposal.")
        int action,

        @Schema(
                description = "The agent's own choice; null for a trial the subject chose without act.",
                nullable = true)
        Integer proposedAction,

        @Schema(description = "Whether the trial still awaits feedback.")
        boolean open,

        @Schema(description = "The reward; null while open or for a no-response trial.", nullable = true)
        Double reward,

        @Schema(description = "Whether the subject did not respond.")
        boolean noResponse,

        @Schema(description = "Reward prediction error (dopamine); null if not learned.", nullable = true)
        Double predictionError,

        @Schema(description = "Probability of the action before learning; null if not learned.", nullable = true)
        Double actionProbability,

        @Schema(description = "Running log-likelihood after this trial; null while open.", nullable = true)
        Double logLikelihood,

        @Schema(description = "The agent's policy on this trial, one probability per arm.")
        List<Double> probabilities,

        @Schema(description = "The agent's signals on this trial, when it was decided.")
        SignalsBody signals,

        @Schema(description = "The agent's signals after learning; null while open.", nullable = true)
        SignalsBody signalsAfterFeedback,

        @Schema(description = "The trial's stimulation level.")
        double stimulation,

        @Schema(description = "The rig's metadata sent with the act.")
        Map<String, Object> actMetadata,

        @Schema(description = "The rig's metadata sent with the feedback; null while open.", nullable = true)
        Map<String, Object> feedbackMetadata,

        @Schema(description = "When the trial was decided (UTC).")
        Instant actedAt,

        @Schema(description = "When its feedback was applied (UTC); null while open.", nullable = true)
        Instant closedAt) {

    public static TrialBody of(Trial trial) {
        Outcome outcome = trial.outcome();
        boolean closed = outcome != null;
        return new TrialBody(
                trial.number(),
                trial.action(),
                trial.proposedAction(),
                !closed,
                closed ? outcome.reward() : null,
                closed && outcome.noResponse(),
                closed ? outcome.predictionError() : null,
                closed ? outcome.actionProbability() : null,
                closed ? outcome.logLikelihood() : null,
                Arrays.stream(trial.probabilities()).boxed().toList(),
                SignalsBody.of(trial.signals()),
                closed ? SignalsBody.of(outcome.signals()) : null,
                trial.stimulation(),
                trial.actMetadata().values(),
                closed ? outcome.metadata().values() : null,
                trial.actedAt(),
                closed ? outcome.closedAt() : null);
    }
}
