package org.neuromod.session;

/** A stimulation level is negative or too large. */
public final class InvalidStimulation extends InvalidInput {

    public InvalidStimulation(double stimulation, double maximum) {
        super("stimulation must be within [0, " + (long) maximum + "], was " + stimulation);
    }
}
