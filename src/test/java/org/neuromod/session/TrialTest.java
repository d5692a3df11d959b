package org.neuromod.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Signals;

class TrialTest {

    private static final Signals SIGNALS = new Signals(0.25, 0.25, Double.NaN, Double.NaN, new double[] {0, 0});
    private static final Instant NOW = Instant.parse("2024-08-15T10:00:00Z");

    private static Trial openTrial() {
        return Trial.open(1, new Decision(1, new double[] {0.4, 0.6}, SIGNALS), 0, Metadata.EMPTY, NOW);
    }

    private static Outcome outcome(int action, Double reward) {
        return new Outcome(action, reward, 1.0, 0.6, Math.log(0.6), SIGNALS, Metadata.EMPTY, NOW);
    }

    @Test
    void anOpenTrialTakesTheAgentsProposal() {
        Trial trial = openTrial();

        assertThat(trial.isOpen()).isTrue();
        assertThat(trial.action()).isEqualTo(1);
        assertThat(trial.proposedAction()).isEqualTo(1);
    }

    @Test
    void closingSettlesTheActionTaken() {
        Trial trial = openTrial();

        trial.close(outcome(0, 1.0));

        assertThat(trial.isOpen()).isFalse();
        assertThat(trial.action()).isZero();
        assertThat(trial.proposedAction()).isEqualTo(1);
    }

    @Test
    void aTrialClosesOnlyOnce() {
        Trial trial = openTrial();
        trial.close(outcome(1, 1.0));

        assertThatThrownBy(() -> trial.close(outcome(1, 1.0)))
                .isInstanceOf(TrialAlreadyClosed.class)
                .hasMessageContaining("trial 1");
        assertThat(trial.outcome().reward()).isEqualTo(1.0);
    }

    @Test
    void aRepeatedFeedbackIsRecognisedByItsActionAndReward() {
        Trial trial = openTrial();
        trial.close(outcome(1, 1.0));

        assertThat(trial.isSettledBy(new Feedback(1, 1.0, null, null, null))).isTrue();
        assertThat(trial.isSettledBy(new Feedback(1, 1.0, 1, 0.0, Metadata.of(java.util.Map.of("t", 2)))))
                .isTrue();
        assertThat(trial.isSettledBy(new Feedback(1, -0.0 + 1.0, null, null, null)))
                .isTrue();
        assertThat(trial.isSettledBy(new Feedback(1, 0.5, null, null, null))).isFalse();
        assertThat(trial.isSettledBy(new Feedback(1, 1.0, 0, null, null))).isFalse();
        assertThat(trial.isSettledBy(new Feedback(1, null, null, null, null))).isFalse();
        assertThat(trial.isSettledBy(new Feedback(1, 1.0, null, 0.5, null))).isFalse();
    }

    @Test
    void anOpenTrialIsSettledByNothing() {
        assertThat(openTrial().isSettledBy(new Feedback(1, 1.0, null, null, null)))
                .isFalse();
    }
}
