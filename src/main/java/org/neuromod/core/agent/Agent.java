package org.neuromod.core.agent;

/**
 * A stateful bandit agent. Estimation ({@link #learn}) is separate from exploration
 * ({@link #policy}, {@link #decide}), and every decision carries the probability of its action so
 * that choices can be scored later.
 *
 * <p>Agents are mutable and not thread-safe: one trial at a time, as a subject would. The random
 * generator is owned by the agent and is part of its {@linkplain #saveState() saved state}, so a
 * restored agent continues bit-for-bit. Mutation in place (rather than returning a new state) keeps
 * one step free of allocation beyond the returned decision.
 */
public interface Agent {

    /**
     * The largest reward magnitude for which every agent's state, signals, probabilities and
     * prediction errors are shown to stay finite, over long runs and at every parameter value in
     * range (AgentsAtTheBoundsTest). Rewards beyond it are the caller's to refuse: at 1e308 a squared
     * prediction error is already infinite.
     */
    double MAX_ABS_REWARD = 1e9;

    /** Number of arms, indexed {@code 0..arms-1}. */
    int arms();

    /**
     * The policy for the next trial, without drawing: a probability per arm, summing to 1.
     *
     * @param stimulation additive offset on the exploration temperature for this trial
     *     (src/docs/algorithms.md#stimulation); agents without a temperature ignore it
     */
    double[] policy(double stimulation);

    /** Draws the next action from {@link #policy(double)} and reports it with its signals. */
    Decision decide(double stimulation);

    /**
     * Learns from an action and its reward. The action may be one the agent did not choose (shadow
     * mode: a subject chose it).
     *
     * @param stimulation the stimulation of this trial, used to report the probability the agent's
     *     policy gave the action before learning
     */
    Learning learn(int action, double reward, double stimulation);

    /** The agent's signals for the next trial at the given stimulation, without changing state. */
    Signals signals(double stimulation);

    /** The agent's complete mutable state, random generator included. */
    byte[] saveState();

    /**
     * Replaces this agent's state with one saved by {@link #saveState()} from an agent of the same
     * type, arms and parameters.
     *
     * @throws IllegalArgumentException if the state does not belong to such an agent
     */
    void restoreState(byte[] state);
}
