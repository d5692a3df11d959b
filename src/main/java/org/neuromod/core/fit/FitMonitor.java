package org.neuromod.core.fit;

/**
 * What a running fit reports to, and asks of, whoever runs it: progress in units of work (one
 * optimiser start of one subject, or one subject's E-step of a hierarchical iteration) and whether
 * to stop. The fit checks {@link #cancelled()} at every evaluation of its objective and throws
 * {@link FitCancelled} once it returns true.
 */
public interface FitMonitor {

    /** A monitor that reports nowhere and never cancels. */
    FitMonitor NONE = new FitMonitor() {
        @Override
        public void progress(long done, long total) {}

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** Called after each unit of work; {@code total} may grow (a hierarchical fit adds iterations). */
    void progress(long done, long total);

    boolean cancelled();

    /** @throws FitCancelled if {@link #cancelled()} */
    default void checkCancelled() {
        if (cancelled()) {
            throw new FitCancelled();
        }
    }
}
