package org.neuromod.core.experiment;

import java.util.Map;
import java.util.Objects;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Parameters;

/**
 * One agent taking part in an experiment: a label naming it in the results, its type and its
 * validated parameters.
 */
public record ExperimentAgent(String label, AgentType type, Parameters parameters) {

    public ExperimentAgent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameters, "parameters");
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("an experiment agent needs a non-blank label");
        }
    }

    /**
     * An agent of a catalogued type with its parameters validated.
     *
     * @throws IllegalArgumentException if no agent type has that name
     * @throws org.neuromod.core.agent.InvalidParameters if the parameters are not valid for it
     */
    public static ExperimentAgent of(String label, String agent, Map<String, ?> parameters) {
        AgentType type = AgentCatalog.find(agent)
                .orElseThrow(() -> new IllegalArgumentException("no agent type named '" + agent + "'"));
        return new ExperimentAgent(label, type, type.resolve(parameters));
    }
}
