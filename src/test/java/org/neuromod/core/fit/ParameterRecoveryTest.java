package org.neuromod.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.baseline.Boltzmann;
import org.neuromod.core.agent.baseline.EpsilonGreedy;
import org.neuromod.core.environment.Reversal;

/**
 * A small recovery that runs on two cores in seconds; the full acceptance run (50 subjects) is the
 * recovery command's, recorded in src/docs/fitting.md.
 */
class ParameterRecoveryTest {

    private static final ParameterRecovery.Design REVERSAL_500 = new ParameterRecovery.Design(
            Reversal.TYPE,
            Map.of("blocks", 5, "blockLength", 100),
            12,
            new Fitter.Settings(Method.MLE, 3, 1),
            7,
            false);

    private static ParameterRecovery.Candidate boltzmann() {
        var model = Model.of(
                Boltzmann.TYPE,
                List.of(
                        new Model.FreeSpec("learningRate", 0.01, 0.99, null),
                        new Model.FreeSpec("temperature", 0.01, 5.0, null)),
                Map.of());
        return new ParameterRecovery.Candidate(
                "boltzmann",
                model,
                List.of(
                        new ParameterRecovery.Range("learningRate", 0.05, 0.9),
                        new ParameterRecovery.Range("temperature", 0.05, 1)));
    }

    @Test
    void boltzmannLearningRateAndTemperatureAreRecoveredFromFiveHundredReversalTrials() {
        var report = ParameterRecovery.run(List.of(boltzmann()), REVERSAL_500, FitMonitor.NONE);

        var parameters = report.candidates().getFirst().parameters();
        assertThat(parameters)
                .extracting(ParameterRecovery.ParameterReport::name)
                .containsExactly("learningRate", "temperature");
        for (var parameter : parameters) {
            assertThat(parameter.pearson()).as(parameter.name()).isGreaterThan(0.7);
            assertThat(parameter.rmse()).isPositive();
            assertThat(parameter.truth()).hasSize(12);
        }
        assertThat(report.confusion()).isEmpty();
    }

    @Test
    void theConfusionMatrixHasARowPerGeneratingModelSummingToOne() {
        var epsilon = new ParameterRecovery.Candidate(
                "epsilon-greedy",
                Model.of(
                        EpsilonGreedy.TYPE,
                        List.of(
                                new Model.FreeSpec("epsilon", 0.01, 0.99, null),
                                new Model.FreeSpec("learningRate", 0.01, 0.99, null)),
                        Map.of()),
                List.of(
                        new ParameterRecovery.Range("epsilon", 0.1, 0.5),
                        new ParameterRecovery.Range("learningRate", 0.05, 0.9)));
        var design = new ParameterRecovery.Design(
                Reversal.TYPE,
                Map.of("blocks", 5, "blockLength", 100),
                6,
                new Fitter.Settings(Method.MLE, 2, 1),
                3,
                false);

        var report = ParameterRecovery.run(List.of(boltzmann(), epsilon), design, FitMonitor.NONE);

        assertThat(report.confusion()).hasDimensions(2, 2);
        for (double[] row : report.confusion()) {
            assertThat(row[0] + row[1]).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(report.confusion()[0][0]).isGreaterThanOrEqualTo(0.5);
        assertThat(report.confusion()[1][1]).isGreaterThanOrEqualTo(0.5);
    }
}
