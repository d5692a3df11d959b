package org.neuromod.core.fit;

import java.util.List;

/** A fit cannot be run as asked: its model, bounds, priors or data are invalid. */
public class InvalidFit extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidFit(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidFit(String problem) {
        this(List.of(problem));
    }

    /** One precise message per problem. */
    public List<String> problems() {
        return problems;
    }
}
