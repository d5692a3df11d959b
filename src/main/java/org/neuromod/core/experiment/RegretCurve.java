package org.neuromod.core.experiment;

/**
 * Expected regret per trial over the run, averaged within bins of trials (at most ten per block,
 * never straddling a block boundary) and then over seeds.
 *
 * @param binStarts the first trial of every bin; a bin ends where the next starts (or the run ends)
 */
public record RegretCurve(int[] binStarts, Curve regret) {}
