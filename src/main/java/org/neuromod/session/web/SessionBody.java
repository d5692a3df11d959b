package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.neuromod.session.SessionSummary;

@Schema(name = "Session", description = "A session: its agent's setup and its progress.")
record SessionBody(
        @Schema(description = "The session's id.") UUID id,
        @Schema(description = "The agent type's name.") String agent,
        @Schema(description = "Number of arms.") int arms,

        @Schema(description = "Every parameter of the agent, defaults filled in.")
        Map<String, Object> parameters,

        @Schema(description = "The agent's random seed (the given one, or the one chosen).")
        long seed,

        @Schema(description = "The session's labels.") Map<String, String> labels,

        @Schema(description = "Number of trials so far, open or closed.")
        int trials,

        @Schema(description = "The trial awaiting feedback, or null.", nullable = true)
        Integer openTrial,

        @Schema(
                description = "Running sum of ln(actionProbability) over closed trials with a response."
                        + " Each term is floored at ln(1e-300) ≈ -690.8 so the sum stays finite.")
        double logLikelihood,

        @Schema(description = "When the session was created (UTC).")
        Instant createdAt) {

    static SessionBody of(SessionSummary session) {
        return new SessionBody(
                session.id(),
                session.agent(),
                session.arms(),
                session.parameters(),
                session.seed(),
                session.labels().values(),
                session.trials(),
                session.openTrial(),
                session.logLikelihood(),
                session.createdAt());
    }
}
