package org.neuromod.fit;

/** A fit has no subject (or model) of that label. */
public final class UnknownSubject extends RuntimeException {

    public UnknownSubject(String message) {
        super(message);
    }
}
