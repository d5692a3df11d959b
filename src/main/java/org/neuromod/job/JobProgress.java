package org.neuromod.job;

/**
 * How far a job has got, in units its kind chooses (seeds of an experiment, starts of a fit).
 *
 * @param done units finished
 * @param total units in all; 0 until the work has reported it
 */
public record JobProgress(long done, long total) {}
