package org.neuromod.core.agent;

/**
 * Everything needed to create an agent.
 *
 * @param truth the environment's true means and deviations, for oracle agents in simulation; null
 *     for every other use
 */
public record AgentSetup(int arms, Parameters parameters, long seed, EnvironmentTruth truth) {

    /** The largest number of arms an agent accepts. */
    public static final int MAX_ARMS = 1000;

    public AgentSetup {
        if (arms < 2 || arms > MAX_ARMS) {
            throw new IllegalArgumentException("arms must be within [2, " + MAX_ARMS + "], was " + arms);
        }
    }

    public AgentSetup(int arms, Parameters parameters, long seed) {
        this(arms, parameters, seed, null);
    }
}
