package org.neuromod.core.experiment;

/** Told how many seed indices of an experiment every agent has finished. */
@FunctionalInterface
public interface ExperimentProgress {

    /** Progress that nobody watches. */
    ExperimentProgress NONE = (done, total) -> {};

    /**
     * Called from worker threads, with {@code done} growing by one per call (calls may overlap).
     *
     * @param done seed indices every agent has finished
     * @param total seed indices in the experiment
     */
    void seedsDone(int done, int total);
}
