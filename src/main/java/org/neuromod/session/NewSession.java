package org.neuromod.session;

import java.util.Map;

/**
 * A request for a new session.
 *
 * @param parameters the agent's parameters by name; missing ones take their defaults
 * @param seed the agent's random seed, or null to have one chosen (and reported)
 * @param labels label values by name, or null
 */
public record NewSession(
        String agent, int arms, Map<String, Object> parameters, Long seed, Map<String, String> labels) {

    public NewSession {
        parameters = parameters == null ? Map.of() : parameters;
    }
}
