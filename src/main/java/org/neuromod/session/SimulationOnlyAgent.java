package org.neuromod.session;

/** The agent reads the environment's truth (an oracle), which no live session can give it. */
public final class SimulationOnlyAgent extends InvalidInput {

    public SimulationOnlyAgent(String agent) {
        super("agent '" + agent + "' reads the environment's true reward distribution and runs only in"
                + " simulation (POST /experiments), not in a session");
    }
}
