package org.neuromod.core.agent;

/**
 * The {@code stimulationGain} parameter of every agent whose temperature takes stimulation (src/docs/algorithms.md#stimulation): how much one unit of stimulation raises the temperature, {@code T = g·stimulation + …}. The
 * default 1 is the paper's additive offset (Lee, Liebana Garcia, Clopath &amp; Dabney 2024, arXiv
 * 2408.08446); fitted to a subject's choices it is the readout of the paper's proposed experiment:
 * whether, and how much, noradrenaline stimulation raised the temperature the subject behaved with
 * ({@code g = 0}: not at all).
 */
public final class StimulationGain {

    public static final String NAME = "stimulationGain";

    /** Non-negative, so that stimulation never lowers a temperature below the agent's own. */
    public static final ParameterSpec.Numeric SPEC = ParameterSpec.Numeric.real(
            NAME,
            1,
            0,
            100,
            "Gain g of the stimulation on the temperature, T = g·stimulation + (the agent's own temperature);"
                    + " 1 is the paper's additive offset, 0 makes stimulation ineffective.");

    private StimulationGain() {}
}
