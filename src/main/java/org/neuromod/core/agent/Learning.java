package org.neuromod.core.agent;

/**
 * The result of learning from one trial.
 *
 * @param predictionError reward minus the agent's value estimate of the action, before learning
 * @param actionProbability the probability the agent's policy gave the action before learning
 * @param signals the agent's signals after learning (for the next trial, without stimulation)
 */
public record Learning(int action, double reward, double predictionError, double actionProbability, Signals signals) {}
