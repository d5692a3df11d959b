package org.neuromod.core.agent;

/**
 * One decision: the chosen action, the full policy it was drawn from, and the agent's signals at
 * the moment of choice.
 */
public record Decision(int action, double[] probabilities, Signals signals) {

    /** The probability the policy gave the chosen action. */
    public double actionProbability() {
        return probabilities[action];
    }
}
