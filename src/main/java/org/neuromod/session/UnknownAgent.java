package org.neuromod.session;

import java.util.List;

/** No agent type has the requested name. */
public final class UnknownAgent extends InvalidInput {

    public UnknownAgent(String agent, List<String> known) {
        super("unknown agent '" + agent + "'; known: " + known);
    }
}
