package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "SessionPage", description = "One page of sessions, oldest first.")
record SessionsPage(
        @Schema(description = "The sessions on this page.") List<SessionBody> items,

        @Schema(description = "Number of sessions matching the filter, on all pages.")
        long total,

        @Schema(description = "Index of the first item on this page.")
        long offset,

        @Schema(description = "Largest number of items on this page.")
        int limit) {}
