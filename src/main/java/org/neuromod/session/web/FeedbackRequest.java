package org.neuromod.session.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

@Schema(name = "Feedback", description = "The outcome of a trial.")
record FeedbackRequest(
        @Schema(
                description = "The trial this feedback is for: the open trial; or, with no open trial and an"
                        + " action, the next trial number (a trial the subject chose on its own); or a closed"
                        + " trial, to repeat a feedback (answered from the store).",
                example = "1",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        @Positive
        Integer trial,

        @Schema(
                description =
                        "The reward, a finite number of magnitude at most neuromod.limits.max-abs-reward (default 1e6); null when the subject did not respond: the trial"
                                + " closes without learning and adds nothing to the log-likelihood. The field itself"
                                + " is required.",
                example = "1.0",
                nullable = true,
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(required = true)
        Double reward,

        @Schema(
                description = "Shadow mode: the arm the subject actually took. The agent learns from it instead"
                        + " of its own choice. Required to record a trial without act.",
                example = "0",
                nullable = true)
        @PositiveOrZero
        Integer action,

        @Schema(
                description = "Stimulation of a trial the subject chose on its own (default 0). For a trial"
                        + " that was acted on it may be omitted; if given it must equal the act's.",
                nullable = true)
        Double stimulation,

        @Schema(
                description = "The rig's own data for this feedback: a flat object as for act. Not compared when"
                        + " a feedback is repeated.",
                example = "{\"lickTime\": 1718.61}")
        Map<String, Object> metadata) {}
