package org.neuromod.core.agent;

/**
 * The true reward distribution of a simulated environment at the current trial. Only oracle
 * agents (simulation only) read it; an environment, not an agent, owns it.
 */
public interface EnvironmentTruth {

    /** The true mean reward μ of every arm now. */
    double[] means();

    /** The true reward standard deviation σ of every arm now. */
    double[] standardDeviations();
}
