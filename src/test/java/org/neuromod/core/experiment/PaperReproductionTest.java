package org.neuromod.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paper's claims (src/docs/algorithms.md#experiment-metrics) on a smaller reproduction: 40
 * seeds of the full 8,000-trial task
 * instead of 200 or more. At this size the standard error of final-block regret is about 0.1 per
 * trial, so only the claims with a clear margin are asserted: the neuromodulated agent beats
 * Boltzmann exploration, the full oracle beats the neuromodulated agent, and the learning rate
 * and temperature rise after a change and decay. Whether it beats discounted UCB in the final
 * block needs the full reproduction: across 40-seed sets the sign of that difference varies.
 */
class PaperReproductionTest {

    private static ExperimentResult result;

    @BeforeAll
    static void reproduce() {
        List<ExperimentAgent> agents = List.of(
                ExperimentAgent.of("neuromodulated", "neuromodulated", Map.of()),
                ExperimentAgent.of("boltzmann", "boltzmann", Map.of()),
                ExperimentAgent.of("discounted-ucb", "discounted-ucb", Map.of()),
                ExperimentAgent.of("full-oracle", "full-oracle", Map.of()));
        try (var runner = new ExperimentRunner()) {
            result = runner.run(PaperExperiment.create(agents, 40, 1, Map.of()));
        }
    }

    @AfterAll
    static void release() {
        result = null;
    }

    private static AgentResult agent(String label) {
        return result.results().stream()
                .filter(r -> r.label().equals(label))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void neuromodulationBeatsBoltzmannExplorationInTheFinalBlockAndOverall() {
        AgentResult neuromodulated = agent("neuromodulated");
        AgentResult boltzmann = agent("boltzmann");

        assertThat(neuromodulated.finalBlockRegret().mean())
                .isLessThan(boltzmann.finalBlockRegret().mean());
        assertThat(neuromodulated.cumulativeRegret().mean())
                .isLessThan(boltzmann.cumulativeRegret().mean());
        assertThat(neuromodulated.bestArmFraction().mean())
                .isGreaterThan(boltzmann.bestArmFraction().mean());
        assertThat(neuromodulated.comparisons())
                .extracting(BaselineComparison::baseline)
                .containsExactly("boltzmann", "discounted-ucb");
    }

    @Test
    void theFullOracleBeatsTheNeuromodulatedAgent() {
        AgentResult neuromodulated = agent("neuromodulated");
        AgentResult oracle = agent("full-oracle");

        assertThat(oracle.finalBlockRegret().mean())
                .isLessThan(neuromodulated.finalBlockRegret().mean());
        double gap = neuromodulated.cumulativeRegret().mean()
                - oracle.cumulativeRegret().mean();
        double standardError = Math.hypot(
                neuromodulated.cumulativeRegret().standardError(),
                oracle.cumulativeRegret().standardError());
        assertThat(gap).isGreaterThan(3 * standardError);
    }

    @Test
    void learningRateAndTemperatureRiseAfterAChangeAndDecayAsTheContextIsLearned() {
        for (String label : List.of("neuromodulated", "full-oracle")) {
            SwitchAligned aligned = agent(label).switchAligned();
            assertThat(aligned.changes()).as("context changes seen").isGreaterThan(100);
            for (Curve signal : List.of(aligned.learningRate(), aligned.temperature())) {
                double before = mean(signal, -SwitchAligned.BEFORE, -1);
                double justAfter = mean(signal, 1, 20);
                double settled = mean(signal, 150, SwitchAligned.AFTER);
                assertThat(justAfter).as(label + " right after a change").isGreaterThan(1.5 * before);
                assertThat(settled).as(label + " once the context is learned").isLessThan(0.75 * justAfter);
            }
        }
    }

    @Test
    void agentsWithoutATemperatureReportNoneAroundChanges() {
        assertThat(agent("discounted-ucb").switchAligned().temperature().undefined())
                .isTrue();
        assertThat(agent("boltzmann").switchAligned().temperature().undefined()).isFalse();
    }

    /** The mean of a switch-aligned curve over offsets {@code from..to}, both inclusive. */
    private static double mean(Curve curve, int from, int to) {
        double sum = 0;
        for (int offset = from; offset <= to; offset++) {
            sum += curve.mean()[offset + SwitchAligned.BEFORE];
        }
        return sum / (to - from + 1);
    }
}
