package org.neuromod.core.environment;

import org.neuromod.core.agent.EnvironmentTruth;

/**
 * A simulated bandit task, stepped one trial at a time. The environment, not the agent, knows the
 * truth and therefore the regret (as in bsuite).
 *
 * <p>An environment owns its random generators, seeded at creation: the same seed gives the same
 * realisation (contexts, change points, reward noise) whatever the agent does, so agents run on
 * the same seed face exactly the same task and can be compared pairwise. Not thread-safe.
 */
public interface Environment {

    /** Number of arms, indexed {@code 0..arms-1}. */
    int arms();

    /** Number of trials in one run: a whole number of blocks. */
    int trials();

    /** Number of trials per block; the final block is the last {@code blockLength()} trials. */
    int blockLength();

    /**
     * Starts the next trial (the first, on the first call), switching context if one changes here.
     *
     * @throws IllegalStateException after the last trial
     */
    void nextTrial();

    /** The current trial, {@code 0..trials-1}; {@code -1} before the first {@link #nextTrial()}. */
    int trial();

    /**
     * Whether a real change of context began at the current trial: the reward distributions now
     * differ from the previous trial's. Never true at the first trial.
     */
    boolean contextChanged();

    /** The stimulation level of the current trial (src/docs/algorithms.md#stimulation); 0 if none. */
    double stimulation();

    /**
     * The true means and standard deviations, as a live view that always shows the current
     * trial's values (for oracle agents). The arrays it returns are the environment's own and must
     * not be modified.
     */
    EnvironmentTruth truth();

    /** An arm with the highest true mean at the current trial (the lowest index on ties). */
    int bestArm();

    /** The expected regret of an action at the current trial: {@code max_a μ_a − μ_action}. */
    double regret(int action);

    /**
     * Draws the reward of an action at the current trial. Each call consumes the next noise draw,
     * so a runner calls it once per trial to keep the noise sequence common to all agents.
     */
    double reward(int action);
}
