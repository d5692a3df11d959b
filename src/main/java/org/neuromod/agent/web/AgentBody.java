package org.neuromod.agent.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.ParameterSpec;

@Schema(name = "Agent", description = "An agent type a session or an experiment can use.")
record AgentBody(
        @Schema(description = "The name to create sessions with.", example = "boltzmann")
        String name,

        @Schema(description = "What the agent does, in one line.")
        String description,

        @Schema(description = "Every parameter, with its default and range.")
        List<ParameterBody> parameters,

        @Schema(
                description = "Whether the agent reads the environment's true reward distribution (an oracle):"
                        + " usable in POST /experiments only, not in sessions.")
        boolean simulationOnly) {

    @Schema(name = "AgentParameter", description = "One parameter of an agent type.")
    record ParameterBody(
            @Schema(description = "The parameter's name.") String name,

            @Schema(description = "number, integer or choice.")
            String type,

            @Schema(description = "The value used when none is given (a number, or a string for a choice).")
            @JsonProperty("default")
            Object defaultValue,

            @Schema(description = "Smallest allowed value (inclusive); null for a choice.", nullable = true)
            Double minimum,

            @Schema(description = "Largest allowed value (inclusive); null for a choice.", nullable = true)
            Double maximum,

            @Schema(description = "Whether the value must be a whole number.")
            boolean integer,

            @Schema(description = "The allowed names of a choice; null for a number.", nullable = true)
            List<String> choices,

            @Schema(description = "What the parameter means.")
            String description) {

        static ParameterBody of(ParameterSpec spec) {
            return switch (spec) {
                case ParameterSpec.Numeric n ->
                    new ParameterBody(
                            n.name(),
                            n.integer() ? "integer" : "number",
                            n.integer() ? (Object) n.defaultValue().longValue() : n.defaultValue(),
                            n.minimum(),
                            n.maximum(),
                            n.integer(),
                            null,
                            n.description());
                case ParameterSpec.Choice c ->
                    new ParameterBody(
                            c.name(), "choice", c.defaultValue(), null, null, false, c.choices(), c.description());
            };
        }
    }

    static AgentBody of(AgentType type) {
        return new AgentBody(
                type.name(),
                type.description(),
                type.parameters().stream().map(ParameterBody::of).toList(),
                type.simulationOnly());
    }
}
