package org.neuromod.session;

import java.util.List;

/** A request names values the session rules do not accept; every subclass names one condition. */
public abstract class InvalidInput extends IllegalArgumentException {

    private final List<String> problems;

    protected InvalidInput(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    protected InvalidInput(String problem) {
        this(List.of(problem));
    }

    /** One precise message per problem. */
    public List<String> problems() {
        return problems;
    }
}
