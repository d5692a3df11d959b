package org.neuromod;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.DecimalMax;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.Agent;

class LimitsTest {

    @Test
    void theRewardBoundCannotBeSetBeyondWhatTheAgentsAreShownFiniteFor() throws NoSuchMethodException {
        DecimalMax largest = Limits.class.getDeclaredMethod("maxAbsReward").getAnnotation(DecimalMax.class);

        assertThat(Double.parseDouble(largest.value())).isEqualTo(Agent.MAX_ABS_REWARD);
    }
}
