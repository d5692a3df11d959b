package org.neuromod.core.agent;

import java.util.List;

/** Parameters given for an agent type are unknown, of the wrong kind or out of range. */
public class InvalidParameters extends IllegalArgumentException {

    private final String agent;
    private final List<String> problems;

    public InvalidParameters(String agent, List<String> problems) {
        super("invalid parameters for agent '" + agent + "': " + String.join("; ", problems));
        this.agent = agent;
        this.problems = List.copyOf(problems);
    }

    public String agent() {
        return agent;
    }

    /** One precise message per problem. */
    public List<String> problems() {
        return problems;
    }
}
