package org.neuromod.web;

/** A request body exceeds its limit: {@code neuromod.limits.max-body-bytes}, or another for its endpoint. */
public final class RequestBodyTooLarge extends RuntimeException {

    private final int maxBodyBytes;
    private final String setting;

    /**
     * @param maxBodyBytes the limit the body exceeds
     * @param setting the name of the limit under {@code neuromod.limits}, such as {@code max-body-bytes}
     */
    public RequestBodyTooLarge(int maxBodyBytes, String setting) {
        super("the request body exceeds the limit of " + maxBodyBytes + " bytes (neuromod.limits." + setting + ")");
        this.maxBodyBytes = maxBodyBytes;
        this.setting = setting;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The name of the limit under {@code neuromod.limits}. */
    public String setting() {
        return setting;
    }
}
