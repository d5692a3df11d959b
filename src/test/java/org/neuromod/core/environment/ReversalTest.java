package org.neuromod.core.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReversalTest {

    private static Environment create(Map<String, ?> parameters, long seed) {
        return Reversal.TYPE.create(Reversal.TYPE.resolve(parameters), seed);
    }

    @Test
    void theArmsSwapEveryFiveHundredTrialsForEightBlocks() {
        Environment environment = create(Map.of(), 1);
        assertThat(environment.arms()).isEqualTo(2);
        assertThat(environment.trials()).isEqualTo(4000);
        var changes = new ArrayList<Integer>();
        for (int trial = 0; trial < environment.trials(); trial++) {
            environment.nextTrial();
            if (environment.contextChanged()) {
                changes.add(trial);
            }
            int block = trial / 500;
            double[] expected = block % 2 == 0 ? new double[] {0.6, 0.4} : new double[] {0.4, 0.6};
            assertThat(environment.truth().means()).containsExactly(expected);
            assertThat(environment.bestArm()).isEqualTo(block % 2);
            assertThat(environment.regret(1 - block % 2)).isCloseTo(0.2, within(1e-12));
        }
        assertThat(changes).containsExactly(500, 1000, 1500, 2000, 2500, 3000, 3500);
    }

    @Test
    void theTruthsDeviationsAreThoseOfBernoulliRewards() {
        Environment environment = create(Map.of(), 1);
        environment.nextTrial();

        assertThat(environment.truth().standardDeviations())
                .containsExactly(new double[] {Math.sqrt(0.24), Math.sqrt(0.24)}, within(1e-15));
    }

    @Test
    void stimulationIsOnFromThreeQuartersOfEachBlockToAQuarterOfTheNext() {
        Environment environment = create(Map.of("stimulation", 0.5), 1);
        var onIntervals = new ArrayList<int[]>();
        int onSince = -1;
        for (int trial = 0; trial < environment.trials(); trial++) {
            environment.nextTrial();
            double stimulation = environment.stimulation();
            assertThat(stimulation).isIn(0.0, 0.5);
            if (stimulation > 0 && onSince < 0) {
                onSince = trial;
            } else if (stimulation == 0 && onSince >= 0) {
                onIntervals.add(new int[] {onSince, trial});
                onSince = -1;
            }
        }
        assertThat(onSince).isEqualTo(-1);
        assertThat(onIntervals)
                .containsExactly(
                        new int[] {375, 625},
                        new int[] {875, 1125},
                        new int[] {1375, 1625},
                        new int[] {1875, 2125},
                        new int[] {2375, 2625},
                        new int[] {2875, 3125},
                        new int[] {3375, 3625});
    }

    @Test
    void withoutAStimulationLevelTheScheduleStaysOff() {
        Environment environment = create(Map.of(), 1);
        for (int trial = 0; trial < environment.trials(); trial++) {
            environment.nextTrial();
            assertThat(environment.stimulation()).isZero();
        }
    }

    @Test
    void rewardsAreOneWithTheArmsProbability() {
        Environment environment = create(Map.of("blocks", 1, "blockLength", 20_000), 3);
        int ones = 0;
        for (int trial = 0; trial < environment.trials(); trial++) {
            environment.nextTrial();
            double reward = environment.reward(0);
            assertThat(reward).isIn(0.0, 1.0);
            ones += (int) reward;
        }
        // Standard error of the frequency is about 0.0035.
        assertThat(ones / 20_000.0).isCloseTo(0.6, within(0.02));
    }

    @Test
    void theSameSeedDrawsTheSameRewards() {
        assertThat(rewards(create(Map.of(), 9))).isEqualTo(rewards(create(Map.of(), 9)));
        assertThat(rewards(create(Map.of(), 9))).isNotEqualTo(rewards(create(Map.of(), 10)));
    }

    private static List<Double> rewards(Environment environment) {
        var rewards = new ArrayList<Double>();
        for (int trial = 0; trial < environment.trials(); trial++) {
            environment.nextTrial();
            rewards.add(environment.reward(trial % 2));
        }
        return rewards;
    }
}
