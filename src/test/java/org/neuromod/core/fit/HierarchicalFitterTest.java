package org.neuromod.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.baseline.Boltzmann;

class HierarchicalFitterTest {

    private static final Model MODEL = Model.of(
            Boltzmann.TYPE,
            List.of(
                    new Model.FreeSpec("learningRate", 0.01, 0.99, null),
                    new Model.FreeSpec("temperature", 0.01, 5.0, null)),
            Map.of());

    @Test
    void theGroupPriorShrinksSubjectsTowardsTheGroupAndTheEmConverges() {
        var subjects = new ArrayList<Subject>();
        for (int i = 0; i < 8; i++) {
            double alpha = 0.2 + 0.05 * (i % 4);
            double tau = 0.2 + 0.03 * (i % 3);
            subjects.add(
                    Subjects.reversal(Boltzmann.TYPE, Map.of("learningRate", alpha, "temperature", tau), 0, 40 + i));
        }
        var fitSettings = new Fitter.Settings(Method.MLE, 3, 5);

        var group = HierarchicalFitter.fit(
                MODEL, subjects, new HierarchicalFitter.Settings(fitSettings, 50, 1e-3), FitMonitor.NONE);
        var separate = Fitter.fit(MODEL, subjects, fitSettings, FitMonitor.NONE);

        assertThat(group.converged()).isTrue();
        assertThat(group.subjects()).hasSize(8);
        for (int j = 0; j < 2; j++) {
            assertThat(group.unboundedSpreads()[j]).isPositive().isFinite();
            assertThat(spread(group.subjects(), j)).isLessThan(spread(separate, j));
        }
        assertThat(group.naturalMeans()[0]).isBetween(0.1, 0.5);
        assertThat(group.naturalMeans()[1]).isBetween(0.1, 0.5);
        assertThat(group.sumLogEvidence()).isFinite();
    }

    /** The variance over subjects of one parameter's unbounded estimate. */
    private static double spread(List<SubjectFit> fits, int j) {
        double mean = fits.stream()
                .mapToDouble(f -> f.unboundedEstimates()[j])
                .average()
                .orElseThrow();
        return fits.stream()
                .mapToDouble(f -> Math.pow(f.unboundedEstimates()[j] - mean, 2))
                .average()
                .orElseThrow();
    }
}
