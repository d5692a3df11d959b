package org.neuromod.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BayesianModelSelectionTest {

    @Test
    void modelsTheDataCannotTellApartShareTheFrequencyAndTheOmnibusRiskIsHigh() {
        double[][] evidence = new double[12][3];
        for (double[] row : evidence) {
            java.util.Arrays.fill(row, -300);
        }

        var result = BayesianModelSelection.compare(evidence, 1);

        for (int m = 0; m < 3; m++) {
            assertThat(result.frequencies()[m]).isCloseTo(1.0 / 3, within(1e-9));
            assertThat(result.protectedExceedance()[m]).isCloseTo(1.0 / 3, within(0.01));
        }
        assertThat(result.omnibusRisk()).isGreaterThan(0.5);
        assertThat(sum(result.exceedance())).isCloseTo(1, within(1e-12));
    }

    @Test
    void aModelEverySubjectPrefersStronglyIsMostFrequentAndExceedsTheOthers() {
        double[][] evidence = new double[20][2];
        for (double[] row : evidence) {
            row[0] = -200;
            row[1] = -230;
        }

        var result = BayesianModelSelection.compare(evidence, 1);

        assertThat(result.alpha()).containsExactly(new double[] {21, 1}, within(1e-6));
        assertThat(result.frequencies()[0]).isCloseTo(21.0 / 22, within(1e-6));
        // r_1 ~ Beta(21, 1): P(r_1 > 1/2) = 1 − 0.5^21
        assertThat(result.exceedance()[0]).isCloseTo(1 - Math.pow(0.5, 21), within(1e-9));
        assertThat(result.omnibusRisk()).isLessThan(1e-3);
        assertThat(result.protectedExceedance()[0]).isGreaterThan(0.999);
        assertThat(result.subjectPosteriors()[0][0]).isGreaterThan(0.999);
    }

    @Test
    void withThreeModelsTheExceedanceIsEstimatedBySeededDirichletDraws() {
        double[][] evidence = new double[10][3];
        for (int s = 0; s < 10; s++) {
            evidence[s] = s < 7 ? new double[] {-100, -110, -110} : new double[] {-110, -100, -110};
        }

        var one = BayesianModelSelection.compare(evidence, 3);
        var two = BayesianModelSelection.compare(evidence, 3);

        assertThat(one.exceedance()).containsExactly(two.exceedance());
        assertThat(one.exceedance()[0]).isGreaterThan(one.exceedance()[1]).isGreaterThan(one.exceedance()[2]);
        assertThat(sum(one.protectedExceedance())).isCloseTo(1, within(1e-9));
        assertThat(one.frequencies()[0]).isCloseTo(8.0 / 13, within(1e-3));
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
