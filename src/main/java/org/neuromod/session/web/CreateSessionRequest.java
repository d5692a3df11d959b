package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

@Schema(name = "CreateSession", description = "A new session: which agent, how many arms, its parameters and seed.")
record CreateSessionRequest(
        @Schema(description = "The agent type's name, as listed by GET /agents.", example = "boltzmann") @NotBlank
        String agent,

        @Schema(
                description = "Number of arms, at least 2 and at most neuromod.limits.max-arms (default 1000)."
                        + " Arms are indexed 0..arms-1.",
                example = "2")
        @NotNull
        Integer arms,

        @Schema(
                description = "Parameter values by name (see GET /agents); missing ones take their defaults."
                        + " Numbers must be finite and within range; choices are strings.",
                example = "{\"temperature\": 0.25}")
        Map<String, Object> parameters,

        @Schema(
                description = "The agent's random seed. If absent, one in [0, 2^53) is chosen and reported,"
                        + " so the session can be reproduced.",
                example = "7")
        Long seed,

        @Schema(
                description = "Labels to find the session by: at most 16; names of 1-64 letters, digits,"
                        + " '_', '.', '-'; values of 1-256 characters, with no NUL (U+0000) or unpaired surrogate.",
                example = "{\"subject\": \"m17\", \"rig\": \"box3\"}")
        Map<String, String> labels) {}
