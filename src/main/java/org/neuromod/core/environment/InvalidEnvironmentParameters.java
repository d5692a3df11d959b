package org.neuromod.core.environment;

import java.util.List;

/** Parameters given for an environment are unknown, of the wrong kind or out of range. */
public class InvalidEnvironmentParameters extends IllegalArgumentException {

    private final String environment;
    private final List<String> problems;

    public InvalidEnvironmentParameters(String environment, List<String> problems) {
        super("invalid parameters for environment '" + environment + "': " + String.join("; ", problems));
        this.environment = environment;
        this.problems = List.copyOf(problems);
    }

    public String environment() {
        return environment;
    }

    /** One precise message per problem. */
    public List<String> problems() {
        return problems;
    }
}
