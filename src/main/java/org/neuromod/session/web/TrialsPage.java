package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "TrialPage", description = "One page of a session's trial log, in trial order.")
record TrialsPage(
        @Schema(description = "The trials on this page.") List<TrialBody> items,

        @Schema(description = "Number of trials of the session, on all pages.")
        long total,

        @Schema(description = "Index of the first item on this page (0 = trial 1).")
        long offset,

        @Schema(description = "Largest number of items on this page.")
        int limit) {}
