package org.neuromod.core.experiment;

/**
 * Derives well-mixed, independent seeds from an experiment seed, a seed index and a stream, with
 * the SplitMix64 finaliser (Steele, Lea &amp; Flood 2014), so that neighbouring indices do not give
 * correlated generators.
 */
final class SeedSequence {

    static final long ENVIRONMENT = 1;
    static final long AGENT = 2;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedSequence() {}

    static long derive(long experimentSeed, int seedIndex, long stream) {
        long z = mix(experimentSeed + GOLDEN_GAMMA * (seedIndex + 1L));
        return mix(z + GOLDEN_GAMMA * stream);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
