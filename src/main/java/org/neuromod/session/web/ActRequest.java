package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

@Schema(name = "Act", description = "Optional details of an act.")
record ActRequest(
        @Schema(
                description = "Stimulation level of this trial: an additive offset on the exploration temperature"
                        + " (the paper's simulated optogenetic noradrenaline stimulation), within [0, 1e6]."
                        + " Default 0.",
                example = "0.05")
        Double stimulation,

        @Schema(
                description = "The rig's own data for this trial (timestamps, ids): a flat object of at most 32"
                        + " entries; names of 1-64 characters; values are strings (at most 256 characters),"
                        + " finite numbers or booleans; no NUL (U+0000) or unpaired surrogate in names and strings."
                        + " Stored with the trial and returned in the trial log.",
                example = "{\"rigTime\": 1718.25, \"trialId\": \"b3-0041\"}")
        Map<String, Object> metadata) {}
