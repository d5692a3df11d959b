package org.neuromod.core.fit;

/** The fit was cancelled through its {@link FitMonitor} before it finished. */
public final class FitCancelled extends RuntimeException {

    public FitCancelled() {
        super("the fit was cancelled");
    }
}
