package org.neuromod.core.fit;

/** How a subject's parameters are estimated. */
public enum Method {
    /** Maximum likelihood: the parameters maximising {@code ln L}. */
    MLE,
    /** Maximum a posteriori: the mode of {@code ln L + ln p(z)} with each parameter's prior. */
    MAP
}
