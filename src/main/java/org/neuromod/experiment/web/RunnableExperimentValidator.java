package org.neuromod.experiment.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.environment.Environment;
import org.neuromod.core.environment.EnvironmentCatalog;
import org.neuromod.core.environment.EnvironmentType;
import org.neuromod.core.environment.InvalidEnvironmentParameters;

/**
 * Checks what single-field constraints cannot: names against the catalogs, environment parameters
 * against their specifications, label uniqueness and the configured limits. Agent parameters are
 * checked when the agents are resolved, which reports them as invalid parameters of that agent.
 */
class RunnableExperimentValidator implements ConstraintValidator<RunnableExperiment, RunExperimentRequest> {

    private final ExperimentLimits limits;

    RunnableExperimentValidator(ExperimentLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean isValid(RunExperimentRequest request, ConstraintValidatorContext context) {
        context.disableDefaultConstraintViolation();
        var problems = new Problems(context);
        Optional<Integer> trials = trials(request, problems);
        if (request.seeds() != null && request.seeds() > limits.maxSeeds()) {
            problems.add("seeds", "must be at most " + limits.maxSeeds() + " (neuromod.experiments.max-seeds)");
        }
        List<RunExperimentRequest.AgentEntry> agents = request.agents() == null ? List.of() : request.agents();
        if (agents.size() > limits.maxAgents()) {
            problems.add(
                    "agents", "must hold at most " + limits.maxAgents() + " agents (neuromod.experiments.max-agents)");
        }
        var labels = new HashSet<String>();
        for (int i = 0; i < agents.size(); i++) {
            var agent = agents.get(i);
            if (agent == null || agent.agent() == null || agent.agent().isBlank()) {
                continue;
            }
            if (AgentCatalog.find(agent.agent()).isEmpty()) {
                problems.add(
                        i,
                        "agent",
                        "unknown agent '" + agent.agent() + "'; known: "
                                + AgentCatalog.all().stream()
                                        .map(AgentType::name)
                                        .toList());
            }
            if (!labels.add(agent.effectiveLabel())) {
                problems.add(
                        i,
                        "label",
                        "label '" + agent.effectiveLabel() + "' is used by another agent; labels must be unique");
            }
        }
        if (trials.isPresent() && request.seeds() != null && problems.none()) {
            long steps = (long) trials.get() * request.seeds() * agents.size();
            if (steps > limits.maxSteps()) {
                problems.add(
                        "seeds",
                        "the experiment would simulate " + steps + " steps (agents x seeds x trials), more than "
                                + limits.maxSteps() + " (neuromod.experiments.max-steps)");
            }
        }
        return problems.none();
    }

    /** The trials of one run, if the environment and its parameters are valid. */
    private static Optional<Integer> trials(RunExperimentRequest request, Problems problems) {
        if (request.environment() == null || request.environment().isBlank()) {
            return Optional.empty();
        }
        Optional<EnvironmentType> type = EnvironmentCatalog.find(request.environment());
        if (type.isEmpty()) {
            problems.add(
                    "environment",
                    "unknown environment '" + request.environment() + "'; known: "
                            + EnvironmentCatalog.all().stream()
                                    .map(EnvironmentType::name)
                                    .toList());
            return Optional.empty();
        }
        try {
            Parameters parameters = type.get().resolve(request.effectiveEnvironmentParameters());
            Environment environment = type.get().create(parameters, 0);
            return Optional.of(environment.trials());
        } catch (InvalidEnvironmentParameters invalid) {
            invalid.problems().forEach(problem -> problems.add("environmentParameters", problem));
            return Optional.empty();
        }
    }

    /** Violations on named properties, their messages taken literally (never interpolated). */
    private static final class Problems {

        private final ConstraintValidatorContext context;
        private boolean any;

        Problems(ConstraintValidatorContext context) {
            this.context = context;
        }

        void add(String property, String message) {
            any = true;
            context.buildConstraintViolationWithTemplate(literal(message))
                    .addPropertyNode(property)
                    .addConstraintViolation();
        }

        /** A violation on a property of the agent at {@code index}. */
        void add(int index, String property, String message) {
            any = true;
            context.buildConstraintViolationWithTemplate(literal(message))
                    .addPropertyNode("agents")
                    .addPropertyNode(property)
                    .inIterable()
                    .atIndex(index)
                    .addConstraintViolation();
        }

        boolean none() {
            return !any;
        }

        /** Escapes the characters message interpolation would act on, since messages quote client input. */
        private static String literal(String message) {
            return message.replace("\\", "\\\\")
                    .replace("{", "\\{")
                    .replace("}", "\\}")
                    .replace("$", "\\$");
        }
    }
}
