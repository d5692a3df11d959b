package org.neuromod.core.agent;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A kind of agent: its published name, a one-line description, its parameters and how to make one.
 *
 * @param simulationOnly whether the agent reads the environment's truth (an oracle), so it can
 *     only run in simulation
 */
public record AgentType(
        String name,
        String description,
        List<ParameterSpec> parameters,
        boolean simulationOnly,
        Function<AgentSetup, Agent> factory) {

    public AgentType {
        parameters = List.copyOf(parameters);
    }

    /** Validates the given parameter values and fills in defaults. */
    public Parameters resolve(Map<String, ?> given) {
        return Parameters.resolve(name, parameters, given);
    }

    /** A new agent, its random generator seeded with {@code setup.seed()}. */
    public Agent create(AgentSetup setup) {
        if (simulationOnly && setup.truth() == null) {
            throw new IllegalArgumentException(
                    "agent '" + name + "' reads the environment's truth and runs only in simulation");
        }
        return factory.apply(setup);
    }

    /** An agent continuing exactly from a saved state. */
    public Agent restore(int arms, Parameters parameters, byte[] state) {
        Agent agent = create(new AgentSetup(arms, parameters, 0L));
        agent.restoreState(state);
        return agent;
    }
}
