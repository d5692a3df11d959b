package org.neuromod.core.fit;

import org.neuromod.core.agent.Signals;

/**
 * One trial of a replay at given parameters: what the agent made of the subject's choice.
 *
 * @param trial the trial number, 1-based
 * @param probabilities the policy before learning, lapse included
 * @param actionProbability the policy's probability of the subject's action, lapse included
 * @param logLikelihood this trial's term {@code ln π'(action)}; null for a no-response trial
 * @param cumulativeLogLikelihood the sum of the terms up to and including this trial
 * @param predictionError reward minus the agent's value of the action before learning; null for a
 *     no-response trial
 * @param signals the agent's signals at the start of the trial, at its stimulation
 */
public record TrialTrace(
        int trial,
        int action,
        Double reward,
        double stimulation,
        double[] probabilities,
        double actionProbability,
        Double logLikelihood,
        double cumulativeLogLikelihood,
        Double predictionError,
        Signals signals) {}
