package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.neuromod.session.Outcome;
import org.neuromod.session.Trial;

@Schema(name = "FeedbackResult", description = "What the agent made of a feedback; a repeated feedback gets the same.")
record FeedbackBody(
        @Schema(description = "The trial number.") int trial,

        @Schema(description = "The arm taken (the subject's in shadow mode).")
        int action,

        @Schema(description = "The reward, or null for a no-response trial.", nullable = true)
        Double reward,

        @Schema(description = "Whether the subject did not respond (nothing learned).")
        boolean noResponse,

        @Schema(
                description = "Reward minus the agent's estimate of the action before learning; null for a"
                        + " no-response trial.",
                nullable = true)
        Double predictionError,

        @Schema(
                description = "The probability the agent's policy gave the action before learning; null for a"
                        + " no-response trial.",
                nullable = true)
        Double actionProbability,

        @Schema(
                description = "The session's running sum of ln(actionProbability) over its closed trials, this"
                        + " one included; each term floored at ln(1e-300) ≈ -690.8 (a deterministic choice"
                        + " rule can give probability 0).")
        double logLikelihood,

        @Schema(description = "The agent's signals after learning (for the next trial, without stimulation).")
        SignalsBody signals,

        @Schema(description = "When the feedback was applied (UTC).")
        Instant closedAt) {

    static FeedbackBody of(Trial trial) {
        Outcome outcome = trial.outcome();
        return new FeedbackBody(
                trial.number(),
                outcome.action(),
                outcome.reward(),
                outcome.noResponse(),
                outcome.predictionError(),
                outcome.actionProbability(),
                outcome.logLikelihood(),
                SignalsBody.of(outcome.signals()),
                outcome.closedAt());
    }
}
