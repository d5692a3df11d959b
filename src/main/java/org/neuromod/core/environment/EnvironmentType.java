package org.neuromod.core.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.neuromod.core.agent.InvalidParameters;
import org.neuromod.core.agent.ParameterSpec;
import org.neuromod.core.agent.Parameters;

/** A kind of environment: its name, a one-line description, its parameters and how to make one. */
public record EnvironmentType(
        String name,
        String description,
        List<ParameterSpec> parameters,
        Function<EnvironmentSetup, Environment> factory) {

    public EnvironmentType {
        parameters = List.copyOf(parameters);
    }

    /**
     * Validates the given parameter values and fills in defaults.
     *
     * @throws InvalidEnvironmentParameters naming every problem found
     */
    public Parameters resolve(Map<String, ?> given) {
        var known = parameters.stream().map(ParameterSpec::name).toList();
        var problems = new ArrayList<String>();
        var knownGiven = new LinkedHashMap<String, Object>();
        given.forEach((key, value) -> {
            if (known.contains(key)) {
                knownGiven.put(key, value);
            } else {
                problems.add("unknown parameter '" + key + "' for environment '" + name + "'; known: " + known);
            }
        });
        try {
            Parameters resolved = Parameters.resolve(name, parameters, knownGiven);
            if (problems.isEmpty()) {
                return resolved;
            }
        } catch (InvalidParameters invalid) {
            problems.addAll(invalid.problems());
        }
        throw new InvalidEnvironmentParameters(name, problems);
    }

    /** A new environment whose realisation is determined by {@code seed}. */
    public Environment create(Parameters parameters, long seed) {
        return factory.apply(new EnvironmentSetup(parameters, seed));
    }
}
