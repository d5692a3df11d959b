package org.neuromod.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.environment.PaperBandit;
import org.neuromod.core.environment.Reversal;

class ExperimentRunnerTest {

    private static final ExperimentRunner RUNNER = new ExperimentRunner(2);

    @AfterAll
    static void stopWorkers() {
        RUNNER.close();
    }

    /** Reversal with certain rewards, three blocks of four trials: best arm 0, then 1, then 0. */
    private static Experiment tinyReversal(double stimulation, ExperimentAgent... agents) {
        Parameters environment = Reversal.TYPE.resolve(Map.of(
                "blocks", 3, "blockLength", 4, "highProbability", 1, "lowProbability", 0, "stimulation", stimulation));
        return new Experiment(Reversal.TYPE, environment, List.of(agents), 3, 1);
    }

    private static ExperimentAgent always(int arm) {
        return new ExperimentAgent(
                "arm " + arm, ScriptedAgent.alwaysChoosing(arm), Parameters.resolve("always", List.of(), Map.of()));
    }

    @Test
    void regretAndBestArmFractionAreComputedOverTheRunAndItsFinalBlock() {
        ExperimentResult result = RUNNER.run(tinyReversal(0, always(0), always(1)));

        AgentResult zero = result.results().get(0);
        AgentResult one = result.results().get(1);
        // Arm 0 loses 1 per trial in block 1 only; arm 1 in blocks 0 and 2.
        assertThat(zero.cumulativeRegret().mean()).isEqualTo(4.0);
        assertThat(zero.cumulativeRegret().standardError()).isZero();
        assertThat(zero.finalBlockRegret().mean()).isZero();
        assertThat(zero.bestArmFraction().mean()).isCloseTo(8 / 12.0, within(1e-15));
        assertThat(one.cumulativeRegret().mean()).isEqualTo(8.0);
        assertThat(one.finalBlockRegret().mean()).isEqualTo(1.0);
        assertThat(one.bestArmFraction().mean()).isCloseTo(4 / 12.0, within(1e-15));
        assertThat(zero.perSeed().cumulativeRegret()).containsExactly(4, 4, 4);
        assertThat(result.steps()).isEqualTo(2 * 3 * 12);
    }

    @Test
    void theRegretCurveAveragesBinsThatNeverStraddleABlock() {
        AgentResult one = RUNNER.run(tinyReversal(0, always(1))).results().getFirst();

        // Blocks of 4 trials give bins of one trial.
        assertThat(one.regretCurve().binStarts()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(one.regretCurve().regret().mean()).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void signalsAreAveragedOverEveryContextChangeAtEachOffset() {
        AgentResult zero = RUNNER.run(tinyReversal(0.5, always(0))).results().getFirst();
        SwitchAligned aligned = zero.switchAligned();
        double[] learningRate = aligned.learningRate().mean();
        double[] temperature = aligned.temperature().mean();

        // Changes at trials 4 and 8; the scripted learning rate is the trial index.
        assertThat(aligned.changes()).isEqualTo(2 * 3);
        assertThat(aligned.offsets()).hasSize(251).startsWith(-50).endsWith(200);
        assertThat(learningRate[index(-9)]).isNaN();
        assertThat(learningRate[index(-5)]).isEqualTo(3.0);
        assertThat(learningRate[index(-4)]).isEqualTo((0 + 4) / 2.0);
        assertThat(learningRate[index(0)]).isEqualTo((4 + 8) / 2.0);
        assertThat(learningRate[index(3)]).isEqualTo((7 + 11) / 2.0);
        assertThat(learningRate[index(4)]).isEqualTo(8.0);
        assertThat(learningRate[index(7)]).isEqualTo(11.0);
        assertThat(learningRate[index(8)]).isNaN();
        // Stimulation 0.5 from 75% of a block to 25% of the next: trials 3-4 and 7-8.
        assertThat(temperature[index(-1)]).isEqualTo(1.5);
        assertThat(temperature[index(0)]).isEqualTo(1.5);
        assertThat(temperature[index(1)]).isEqualTo(1.0);
        assertThat(temperature[index(-2)]).isEqualTo(1.0);
        // Trial 7 is stimulated, trial 11 (the final block has no reversal after it) is not.
        assertThat(temperature[index(3)]).isEqualTo((1.5 + 1.0) / 2);
    }

    private static int index(int offset) {
        return offset + SwitchAligned.BEFORE;
    }

    @Test
    void everyAgentIsTestedAgainstEveryOtherAgentOfAPaperBaselineType() {
        var boltzmann = ExperimentAgent.of("boltzmann", "boltzmann", Map.of());
        var hot = ExperimentAgent.of("hot", "boltzmann", Map.of("temperature", 5.0));
        var experiment = new Experiment(
                PaperBandit.TYPE,
                PaperBandit.TYPE.resolve(Map.of("blocks", 2, "blockLength", 100)),
                List.of(boltzmann, hot),
                10,
                4);

        ExperimentResult result = RUNNER.run(experiment);

        AgentResult hotResult = result.results().get(1);
        assertThat(result.results().get(0).comparisons())
                .extracting(BaselineComparison::baseline)
                .containsExactly("hot");
        assertThat(hotResult.comparisons()).hasSize(1);
        BaselineComparison comparison = hotResult.comparisons().getFirst();
        assertThat(comparison.baseline()).isEqualTo("boltzmann");
        assertThat(comparison)
                .isEqualTo(BaselineComparison.of(
                        "boltzmann",
                        hotResult.perSeed().finalBlockRegret(),
                        result.results().get(0).perSeed().finalBlockRegret()));
        assertThat(comparison.welchPValue()).isBetween(0.0, 1.0);
        assertThat(comparison.pairedPValue()).isBetween(0.0, 1.0);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreadsAndAgentsShareEachSeedsRealisation() {
        var experiment = new Experiment(
                PaperBandit.TYPE,
                PaperBandit.TYPE.resolve(Map.of("blocks", 3, "blockLength", 50)),
                List.of(ExperimentAgent.of("b", "boltzmann", Map.of()), always(0)),
                6,
                99);

        ExperimentResult parallel = RUNNER.run(experiment);
        ExperimentResult serial;
        try (var oneThread = new ExperimentRunner(1)) {
            serial = oneThread.run(experiment);
        }

        for (int a = 0; a < 2; a++) {
            assertThat(parallel.results().get(a).perSeed().cumulativeRegret())
                    .containsExactly(serial.results().get(a).perSeed().cumulativeRegret());
            assertThat(parallel.results().get(a).switchAligned().learningRate().mean())
                    .containsExactly(serial.results()
                            .get(a)
                            .switchAligned()
                            .learningRate()
                            .mean());
        }
        // The scripted agent's regret depends only on the realisation, which differs between seeds.
        double[] scripted = parallel.results().get(1).perSeed().cumulativeRegret();
        assertThat(Arrays.stream(scripted).distinct().count()).isGreaterThan(1);
        assertThat(experiment.environmentSeed(0)).isNotEqualTo(experiment.environmentSeed(1));
    }

    @Test
    void estimatesAreTheMeanAndTheStandardErrorOfTheMean() {
        Estimate estimate = Estimate.of(new double[] {1, 2, 3, 4, Double.NaN});

        assertThat(estimate.mean()).isEqualTo(2.5);
        assertThat(estimate.standardError()).isCloseTo(Math.sqrt(5.0 / 3 / 4), within(1e-15));
        assertThat(estimate.samples()).isEqualTo(4);
        assertThat(Estimate.of(new double[] {7}).standardError()).isNaN();
    }

    @Test
    void comparisonsMatchTheReferenceWelchAndPairedTests() {
        // scipy.stats.ttest_ind([1, 2, 3, 4], [2, 4, 6, 9], equal_var=False) and ttest_rel(...)
        BaselineComparison comparison =
                BaselineComparison.of("b", new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 9});

        assertThat(comparison.meanDifference()).isEqualTo(-2.75);
        assertThat(comparison.welchT()).isCloseTo(-1.690641214609248, within(1e-12));
        assertThat(comparison.welchPValue()).isCloseTo(0.16470207962805658, within(1e-9));
        assertThat(comparison.pairedT()).isCloseTo(-3.2204702407301595, within(1e-12));
        assertThat(comparison.pairedPValue()).isCloseTo(0.04856685655980102, within(1e-9));
    }

    @Test
    void comparisonsOfConstantSamplesAreUndefined() {
        BaselineComparison constant = BaselineComparison.of("b", new double[] {1, 1}, new double[] {1, 1});
        BaselineComparison shifted = BaselineComparison.of("b", new double[] {1, 2}, new double[] {2, 3});

        assertThat(constant.welchPValue()).isNaN();
        assertThat(constant.pairedPValue()).isNaN();
        assertThat(shifted.welchPValue()).isCloseTo(0.29289321881345254, within(1e-9));
        assertThat(shifted.pairedT()).isNaN();
    }
}
