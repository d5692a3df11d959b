package org.neuromod.core.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

    @Test
    void agreesWithTheErrorFunctionAcrossTheWholeRange() {
        for (double z = -38; z <= 38; z += 0.01) {
            double expected = 0.5 * Erf.erfc(-z / Math.sqrt(2));
            assertThat(StandardNormal.cdf(z)).as("Φ(%s)", z).isCloseTo(expected, within(1e-15));
            if (z < -1 && z > -37) {
                // The lower tail keeps its relative precision too (the quadrature multiplies many of them).
                double tolerance = z > -4 ? 1e-12 : 1e-8;
                assertThat(StandardNormal.cdf(z) / expected)
                        .as("Φ(%s) relative", z)
                        .isCloseTo(1, within(tolerance));
            }
        }
    }

    @Test
    void knownValues() {
        assertThat(StandardNormal.cdf(0)).isEqualTo(0.5);
        assertThat(StandardNormal.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-15));
        assertThat(StandardNormal.cdf(-40)).isZero();
        assertThat(StandardNormal.cdf(40)).isEqualTo(1);
    }
}
