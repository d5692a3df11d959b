package org.neuromod.core.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated set of parameter values for one agent type: every declared parameter is
 * present (defaults filled in) and within its range. Values are {@link Double} for numeric and
 * {@link String} for choice parameters.
 */
public final class Parameters {

    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Validates the given values against the specs and fills in defaults.
     *
     * @param given values by name; numbers may be any {@link Number}, choices {@link String}
     * @throws InvalidParameters naming every problem found
     */
    public static Parameters resolve(String agent, List<ParameterSpec> specs, Map<String, ?> given) {
        var problems = new java.util.ArrayList<String>();
        var known = specs.stream().map(ParameterSpec::name).toList();
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                problems.add("unknown parameter '" + name + "' for agent '" + agent + "'; known: " + known);
            }
        }
        var values = new LinkedHashMap<String, Object>();
        for (ParameterSpec spec : specs) {
            Object value = given.containsKey(spec.name()) ? given.get(spec.name()) : spec.defaultValue();
            String problem = check(spec, value);
            if (problem != null) {
                problems.add(problem);
            } else {
                values.put(spec.name(), spec instanceof ParameterSpec.Numeric ? ((Number) value).doubleValue() : value);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParameters(agent, problems);
        }
        return new Parameters(values);
    }

    private static String check(ParameterSpec spec, Object value) {
        return switch (spec) {
            case ParameterSpec.Numeric n -> {
                if (!(value instanceof Number number)) {
                    yield "'" + n.name() + "' must be a number, was " + describe(value);
                }
                double x = number.doubleValue();
                if (!Double.isFinite(x)) {
                    yield "'" + n.name() + "' must be finite, was " + x;
                }
                if (x < n.minimum() || x > n.maximum()) {
                    yield "'" + n.name() + "' must be within [" + format(n.minimum()) + ", " + format(n.maximum())
                            + "], was " + format(x);
                }
                if (n.integer() && x != Math.rint(x)) {
                    yield "'" + n.name() + "' must be a whole number, was " + format(x);
                }
                yield null;
            }
            case ParameterSpec.Choice c -> {
                if (!(value instanceof String s) || !c.choices().contains(s)) {
                    yield "'" + c.name() + "' must be one of " + c.choices() + ", was " + describe(value);
                }
                yield null;
            }
        };
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** A numeric parameter's value. */
    public double number(String name) {
        return (Double) require(name);
    }

    /** A whole-valued parameter's value. */
    public int whole(String name) {
        return (int) number(name);
    }

    /** A choice parameter's value. */
    public String choice(String name) {
        return (String) require(name);
    }

    /** Every value by name, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
