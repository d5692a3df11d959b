package org.neuromod.web;

/** A request body exceeds {@code neuromod.limits.max-body-bytes}. */
public final class RequestBodyTooLarge extends RuntimeException {

    private final int maxBodyBytes;

    public RequestBodyTooLarge(int maxBodyBytes) {
        super("the request body exceeds the limit of " + maxBodyBytes + " bytes");
        this.maxBodyBytes = maxBodyBytes;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }
}
