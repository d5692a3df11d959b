package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.neuromod.session.Trial;

@Schema(
        name = "BatchResult",
        description = "The trials of a batch; the same batch sent again answers the same, from the store.")
record BatchBody(
        @Schema(description = "The number of the batch's first trial.")
        int firstTrial,

        @Schema(description = "The batch's trials in order, as the trial log (GET /sessions/{id}/trials) has them.")
        List<TrialBody> trials,

        @Schema(
                description =
                        "The session's running sum of ln(actionProbability) right after the batch's last" + " trial.")
        double logLikelihood,

        @Schema(description = "The session's number of trials right after the batch: its last trial's number.")
        int trialCount) {

    static BatchBody of(int firstTrial, List<Trial> trials) {
        Trial last = trials.getLast();
        return new BatchBody(
                firstTrial,
                trials.stream().map(TrialBody::of).toList(),
                last.outcome().logLikelihood(),
                last.number());
    }
}
