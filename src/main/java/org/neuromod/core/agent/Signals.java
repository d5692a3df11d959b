package org.neuromod.core.agent;

/**
 * The latent quantities of an agent, in the paper's terms (Doya 2002; Yu &amp; Dayan 2005).
 * A quantity an agent does not have is {@link Double#NaN} ("not defined for this agent"); each
 * agent's Javadoc says which it reports.
 *
 * @param learningRate acetylcholine: the learning rate α
 * @param temperature noradrenaline: the softmax temperature T = 1/β, stimulation included
 * @param expectedUncertainty the aleatoric uncertainty A
 * @param unexpectedUncertainty the epistemic uncertainty E
 * @param values the agent's value estimate per arm
 */
public record Signals(
        double learningRate,
        double temperature,
        double expectedUncertainty,
        double unexpectedUncertainty,
        double[] values) {}
