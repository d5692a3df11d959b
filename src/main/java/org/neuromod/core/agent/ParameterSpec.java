package org.neuromod.core.agent;

import java.util.List;

/** The declaration of one agent parameter: its name, default, allowed values and meaning. */
public sealed interface ParameterSpec {

    String name();

    Object defaultValue();

    String description();

    /**
     * A real-valued (or, if {@code integer}, whole-valued) parameter within {@code [minimum,
     * maximum]}, both inclusive.
     */
    record Numeric(
            String name, Double defaultValue, double minimum, double maximum, boolean integer, String description)
            implements ParameterSpec {

        public Numeric {
            if (!(minimum <= defaultValue && defaultValue <= maximum)) {
                throw new IllegalArgumentException("default of " + name + " outside its range");
            }
        }

        public static Numeric real(
                String name, double defaultValue, double minimum, double maximum, String description) {
            return new Numeric(name, defaultValue, minimum, maximum, false, description);
        }

        public static Numeric whole(String name, int defaultValue, int minimum, int maximum, String description) {
            return new Numeric(name, (double) defaultValue, minimum, maximum, true, description);
        }
    }

    /** A parameter taking one of a fixed set of names. */
    record Choice(String name, String defaultValue, List<String> choices, String description) implements ParameterSpec {

        public Choice {
            choices = List.copyOf(choices);
            if (!choices.contains(defaultValue)) {
                throw new IllegalArgumentException("default of " + name + " not among its choices");
            }
        }
    }
}
