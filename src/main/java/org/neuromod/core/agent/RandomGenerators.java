package org.neuromod.core.agent;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** The one random generator all agents and environments use: restorable, fast, well studied. */
public final class RandomGenerators {

    private RandomGenerators() {}

    /** A generator seeded from {@code seed}; the same seed always gives the same sequence. */
    public static RestorableUniformRandomProvider seeded(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }
}
