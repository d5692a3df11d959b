package org.neuromod.core.fit;

/**
 * Well-mixed, independent seeds from a fit's seed, an index and a stream, with the SplitMix64
 * finaliser (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators"), so
 * neighbouring subjects do not get correlated generators.
 */
public final class Seeds {

    /** The stream of a subject's agent in the replay: its common random numbers. */
    public static final long AGENT = 1;

    /** The stream of a subject's random optimiser starts. */
    public static final long STARTS = 2;

    /** The stream of a simulated subject's environment (parameter recovery). */
    public static final long ENVIRONMENT = 3;

    /** The stream of a simulated subject's true parameters (parameter recovery). */
    public static final long TRUTH = 4;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    public static long derive(long seed, int index, long stream) {
        long z = mix(seed + GOLDEN_GAMMA * (index + 1L));
        return mix(z + GOLDEN_GAMMA * stream);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
