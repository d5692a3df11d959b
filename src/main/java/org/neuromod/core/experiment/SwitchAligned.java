package org.neuromod.core.experiment;

/**
 * The learning rate α and temperature T averaged around every real context change, from
 * {@value #BEFORE} trials before it to {@value #AFTER} after it
 * (src/docs/algorithms.md#experiment-metrics). Offset 0 is the first
 * trial of the new context; each seed contributes the mean over its own changes.
 *
 * @param offsets trial offsets relative to the change, {@code −BEFORE..AFTER}
 * @param changes the number of context changes averaged, over all seeds
 */
public record SwitchAligned(int[] offsets, Curve learningRate, Curve temperature, int changes) {

    /** Trials shown before a change. */
    public static final int BEFORE = 50;

    /** Trials shown after a change. */
    public static final int AFTER = 200;

    /** The offsets {@code −BEFORE..AFTER}. */
    static int[] window() {
        var offsets = new int[BEFORE + AFTER + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i - BEFORE;
        }
        return offsets;
    }
}
