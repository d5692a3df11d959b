package org.neuromod.fit;

/** What was asked for exists only once the fit is done. */
public final class FitNotFinished extends RuntimeException {

    public FitNotFinished(String id, String status) {
        super("fit " + id + " is " + status + "; its traces exist once it is done");
    }
}
