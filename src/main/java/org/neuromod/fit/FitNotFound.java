package org.neuromod.fit;

/** No fit has this id (or it was removed after its retention). */
public final class FitNotFound extends RuntimeException {

    public FitNotFound(String id) {
        super("no fit with id " + id);
    }
}
