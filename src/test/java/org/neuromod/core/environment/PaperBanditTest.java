package org.neuromod.core.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperBanditTest {

    private static Environment create(Map<String, ?> parameters, long seed) {
        return PaperBandit.TYPE.create(PaperBandit.TYPE.resolve(parameters), seed);
    }

    @Test
    void defaultsAreThePapersFiveArmsAndSixteenBlocksOfFiveHundredTrials() {
        Environment environment = create(Map.of(), 1);

        assertThat(environment.arms()).isEqualTo(5);
        assertThat(environment.blockLength()).isEqualTo(500);
        assertThat(environment.trials()).isEqualTo(8000);
        assertThat(environment.trial()).isEqualTo(-1);
    }

    @Test
    void contextsChangeOnlyAtBlockBoundariesAndEveryArmIsRedrawnWithinItsRange() {
        for (long seed = 0; seed < 50; seed++) {
            Environment environment = create(Map.of(), seed);
            double[] previousMeans = null;
            for (int trial = 0; trial < environment.trials(); trial++) {
                environment.nextTrial();
                double[] means = environment.truth().means().clone();
                boolean changed = previousMeans != null && !Arrays.equals(means, previousMeans);
                assertThat(environment.contextChanged()).isEqualTo(changed);
                if (changed) {
                    assertThat(trial % 500).isZero();
                    for (int a = 0; a < 5; a++) {
                        assertThat(means[a]).isNotEqualTo(previousMeans[a]);
                    }
                }
                for (int a = 0; a < 5; a++) {
                    assertThat(means[a]).isBetween(-5.0, 5.0);
                    assertThat(environment.truth().standardDeviations()[a]).isBetween(0.001, 2.0);
                }
                previousMeans = means;
            }
        }
    }

    @Test
    void aBlockBoundaryBringsANewContextWithProbabilityPointFour() {
        int seeds = 2000;
        int changes = 0;
        for (long seed = 0; seed < seeds; seed++) {
            changes += changeTrials(create(Map.of(), seed)).size();
        }
        // 30,000 boundaries: the standard error of the fraction is about 0.003.
        assertThat((double) changes / (seeds * 15)).isCloseTo(0.4, within(0.015));
    }

    @Test
    void switchProbabilityAndBlockStructureAreParameters() {
        Environment never = create(Map.of("blocks", 4, "blockLength", 10, "switchProbability", 0), 3);
        Environment always = create(Map.of("blocks", 4, "blockLength", 10, "switchProbability", 1, "arms", 3), 3);

        assertThat(never.trials()).isEqualTo(40);
        assertThat(changeTrials(never)).isEmpty();
        assertThat(always.arms()).isEqualTo(3);
        assertThat(changeTrials(always)).containsExactly(10, 20, 30);
    }

    @Test
    void rewardsAreGaussianWithTheTrueMeanAndDeviation() {
        Environment environment = create(Map.of("blocks", 1, "blockLength", 40_000), 11);
        environment.nextTrial();
        int arm = 2;
        double mu = environment.truth().means()[arm];
        double sigma = environment.truth().standardDeviations()[arm];
        double sum = 0;
        double squares = 0;
        int n = environment.trials();
        for (int trial = 0; trial < n; trial++) {
            if (trial > 0) {
                environment.nextTrial();
            }
            double r = environment.reward(arm);
            sum += r;
            squares += r * r;
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(mu, within(5 * sigma / Math.sqrt(n) + 1e-9));
        assertThat(Math.sqrt(squares / n - mean * mean)).isCloseTo(sigma, within(0.03 * sigma + 1e-6));
    }

    @Test
    void regretIsTheGapToTheBestMeanAndTheBestArmHasNone() {
        Environment environment = create(Map.of(), 5);
        environment.nextTrial();
        double[] means = environment.truth().means();
        double best = Arrays.stream(means).max().orElseThrow();

        assertThat(means[environment.bestArm()]).isEqualTo(best);
        assertThat(environment.regret(environment.bestArm())).isZero();
        for (int a = 0; a < 5; a++) {
            assertThat(environment.regret(a)).isEqualTo(best - means[a]);
        }
    }

    @Test
    void theSameSeedGivesTheSameContextsAndNoiseWhateverTheAgentChooses() {
        Environment first = create(Map.of(), 42);
        Environment second = create(Map.of(), 42);
        for (int trial = 0; trial < first.trials(); trial++) {
            first.nextTrial();
            second.nextTrial();
            assertThat(second.truth().means()).containsExactly(first.truth().means());
            assertThat(second.contextChanged()).isEqualTo(first.contextChanged());
            double noiseOfFirst = standardised(first, 0, first.reward(0));
            double noiseOfSecond = standardised(second, trial % 5, second.reward(trial % 5));
            assertThat(noiseOfSecond).isCloseTo(noiseOfFirst, within(1e-9));
        }
    }

    @Test
    void theTruthIsALiveViewOfTheCurrentContext() {
        Environment environment = create(Map.of("blocks", 2, "blockLength", 3, "switchProbability", 1), 8);
        double[] kept = environment.truth().means();
        environment.nextTrial();
        double[] firstContext = kept.clone();
        for (int trial = 1; trial <= 3; trial++) {
            environment.nextTrial();
        }

        assertThat(environment.contextChanged()).isTrue();
        assertThat(kept)
                .isNotEqualTo(firstContext)
                .containsExactly(environment.truth().means());
    }

    @Test
    void steppingPastTheLastTrialIsAnError() {
        Environment environment = create(Map.of("blocks", 1, "blockLength", 2), 1);
        environment.nextTrial();
        environment.nextTrial();

        assertThatThrownBy(environment::nextTrial).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidParametersAreNamedPrecisely() {
        assertThatThrownBy(() -> PaperBandit.TYPE.resolve(Map.of("blocks", 0, "colour", "red")))
                .isInstanceOfSatisfying(InvalidEnvironmentParameters.class, invalid -> {
                    assertThat(invalid.environment()).isEqualTo("paper-bandit");
                    assertThat(invalid.problems())
                            .containsExactlyInAnyOrder(
                                    "unknown parameter 'colour' for environment 'paper-bandit'; known: [arms, blocks,"
                                            + " blockLength, switchProbability]",
                                    "'blocks' must be within [1, 1000], was 0");
                });
    }

    private static double standardised(Environment environment, int arm, double reward) {
        return (reward - environment.truth().means()[arm]) / environment.truth().standardDeviations()[arm];
    }

    private static List<Integer> changeTrials(Environment environment) {
        var changes = new ArrayList<Integer>();
        for (int trial = 0; trial < environment.trials(); trial++) {
            environment.nextTrial();
            if (environment.contextChanged()) {
                changes.add(trial);
            }
        }
        return changes;
    }
}
