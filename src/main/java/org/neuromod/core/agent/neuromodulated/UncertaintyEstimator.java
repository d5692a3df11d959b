package org.neuromod.core.agent.neuromodulated;

import org.apache.commons.rng.UniformRandomProvider;
import org.neuromod.core.agent.StateReader;
import org.neuromod.core.agent.StateWriter;

/**
 * How a neuromodulated agent turns its ensemble into the two uncertainties of Yu &amp; Dayan (2005)
 * and so into its neuromodulatory signals (Doya 2002): acetylcholine, the learning rate
 * {@code α = α₀ + E / (E + A)}, and noradrenaline, the temperature {@code T = g·stimulation + E} ({@code g} the stimulation gain)
 * (Lee, Liebana Garcia, Clopath &amp; Dabney 2024, arXiv 2408.08446, Eq. 4).
 *
 * <p>Every quantity is computed from the current state, so it is the same at the start of a trial
 * (when the agent decides) and when the trial's outcome is learned.
 */
sealed interface UncertaintyEstimator permits ReliabilityEstimator, EnsembleEstimator, AleatoricOracle, FullOracle {

    /** The name written into saved states, so a state cannot restore a different variant. */
    String name();

    /** Whether the signals read the environment's live truth, which may change between two calls. */
    boolean readsTruth();

    /** {@code E}, the unexpected (epistemic) uncertainty: the noradrenaline signal added to the temperature. */
    double unexpectedUncertainty();

    /** {@code A}, the expected (aleatoric) uncertainty in the learning rate's denominator. */
    double expectedUncertainty();

    /** The learning rate reported as the acetylcholine signal. */
    double learningRate();

    /** The learning rate {@code arm} learns with this trial. */
    double learningRate(int arm);

    /** Learns from one trial with this trial's learning rate: the ensemble and the estimator's own state. */
    void learn(int arm, double reward, UniformRandomProvider random);

    void write(StateWriter out);

    void read(StateReader in);

    /**
     * {@code min(1, floor + E / (E + A))}. When there is no uncertainty at all ({@code E + A = 0}) the
     * ratio is taken as 0: nothing signals a change, so nothing is relearned; the surprise of the next
     * prediction error makes {@code E} positive again. The cap keeps {@code α} a rate when a floor is
     * added.
     */
    static double gain(double floor, double unexpected, double expected) {
        double total = unexpected + expected;
        double ratio = total > 0 ? unexpected / total : 0;
        return Math.min(1, floor + ratio);
    }
}
