package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuromod.session.Batch;
import org.neuromod.session.BatchStep;
import org.neuromod.session.InvalidBatch;
import org.neuromod.session.InvalidInput;
import org.neuromod.session.Metadata;

@Schema(
        name = "Batch",
        description = "Many trials in one request, applied in order exactly as act and feedback would apply them.")
record BatchRequest(
        @Schema(
                description = "The number of the batch's first trial: the session's next trial (its trials + 1)."
                        + " The key of exactly-once delivery: the same batch sent again answers the stored"
                        + " trials and applies nothing.",
                example = "1",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Integer firstTrial,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "The steps, one trial each: at least 1, at most"
                                        + " neuromod.limits.max-batch-steps (default 10000), and at most"
                                        + " neuromod.limits.max-batch-cells (default 100000) steps × arms.",
                                requiredMode = Schema.RequiredMode.REQUIRED))
        List<Step> steps) {

    @Schema(
            name = "BatchStep",
            description = "Either rewards (the agent chooses: an act, then a feedback with the reward of the chosen"
                    + " arm) or action and reward (the subject chose on its own: a feedback that records the trial).")
    record Step(
            @Schema(
                    description =
                            "What every arm pays on this step, one finite reward per arm, each of magnitude at most"
                                    + " neuromod.limits.max-abs-reward (default 1e6) (a pre-sampled"
                                    + " outcome table, valid for environments whose outcomes do not depend on the agent's"
                                    + " choices). The agent learns from the reward of the arm it chooses.",
                    example = "[0.0, 1.0, 0.0, 0.0, 0.5]")
            double[] rewards,

            @Schema(description = "The arm the subject chose on its own, 0-based; with reward.", example = "3")
            Integer action,

            @Schema(
                    description = "The reward the subject received for action, a finite number of magnitude at most"
                            + " neuromod.limits.max-abs-reward (default 1e6).",
                    example = "1.0")
            Double reward,

            @Schema(
                    description = "The trial's stimulation, within [0, 1e6]; default 0. An additive offset on the"
                            + " exploration temperature, as for act.",
                    example = "0.05")
            Double stimulation,

            @Schema(
                    description = "The rig's own data for this trial, a flat object as for act: stored as the act's"
                            + " metadata of an agent's choice, as the feedback's of a subject's.",
                    example = "{\"block\": 2}")
            Map<String, Object> metadata) {

        /** The domain step, or null after adding what is wrong with it to {@code problems}. */
        BatchStep toStep(List<String> problems) {
            var found = new ArrayList<String>();
            Metadata stepMetadata = Metadata.EMPTY;
            try {
                stepMetadata = Metadata.of(metadata);
            } catch (InvalidInput invalid) {
                found.addAll(invalid.problems());
            }
            boolean subjectChose = action != null || reward != null;
            if (rewards != null && subjectChose) {
                found.add("give either rewards (the agent chooses) or action and reward (the subject chose), not"
                        + " both");
            } else if (rewards == null && !subjectChose) {
                found.add("needs rewards (one per arm: the agent chooses) or action and reward (the subject chose)");
            } else if (subjectChose && (action == null || reward == null)) {
                found.add("a trial the subject chose needs both action and reward");
            }
            double stepStimulation = stimulation == null ? 0 : stimulation;
            BatchStep step = null;
            try {
                if (rewards != null) {
                    step = new BatchStep.AgentChoice(rewards, stepStimulation, stepMetadata);
                } else if (action != null && reward != null) {
                    step = new BatchStep.SubjectChoice(action, reward, stepStimulation, stepMetadata);
                }
            } catch (InvalidInput invalid) {
                found.addAll(invalid.problems());
            }
            problems.addAll(found);
            return found.isEmpty() ? step : null;
        }
    }

    /**
     * The domain batch.
     *
     * @throws InvalidBatch listing every problem of the request, each naming its step
     */
    Batch toBatch() {
        var problems = new ArrayList<String>();
        if (firstTrial == null) {
            problems.add("firstTrial is required: the session's next trial number");
        }
        if (steps == null) {
            problems.add("steps is required");
        }
        problems.addAll(Batch.problems(firstTrial == null ? 1 : firstTrial, steps == null ? 1 : steps.size()));
        var converted = new ArrayList<BatchStep>(steps == null ? 0 : steps.size());
        for (int index = 0; steps != null && index < steps.size(); index++) {
            var stepProblems = new ArrayList<String>();
            Step step = steps.get(index);
            if (step == null) {
                stepProblems.add("must be an object");
            } else {
                converted.add(step.toStep(stepProblems));
            }
            for (String problem : stepProblems) {
                problems.add("steps[" + index + "]: " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidBatch(problems);
        }
        return new Batch(firstTrial, converted);
    }
}
