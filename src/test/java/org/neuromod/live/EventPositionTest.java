package org.neuromod.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventPositionTest {

    @Test
    void anEventIdNamesATrialAndItsState() {
        assertThat(EventPosition.parse("17:open")).isEqualTo(new EventPosition(17, false));
        assertThat(EventPosition.parse("17:closed")).isEqualTo(new EventPosition(17, true));
        assertThat(new EventPosition(17, false).id()).isEqualTo("17:open");
        assertThat(EventPosition.parse("2147483647:closed").trial()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void eventsComeByTrialOpenBeforeClosed() {
        List<EventPosition> ordered = List.of(
                EventPosition.START,
                new EventPosition(1, false),
                new EventPosition(1, true),
                new EventPosition(2, false),
                new EventPosition(2, true));
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i - 1).isBefore(ordered.get(i))).isTrue();
            assertThat(ordered.get(i).isBefore(ordered.get(i - 1))).isFalse();
        }
    }

    @Test
    void afterAnOpenTrialItsClosedStateIsStillToComeAfterAClosedOneTheNextTrial() {
        assertThat(new EventPosition(17, false).firstTrialAfter()).isEqualTo(17);
        assertThat(new EventPosition(17, true).firstTrialAfter()).isEqualTo(18);
        assertThat(EventPosition.START.firstTrialAfter()).isEqualTo(1);
    }

    @Test
    void anythingElseIsRefused() {
        for (String id : List.of(
                "",
                "17",
                "17:",
                ":open",
                "17:done",
                "0:open",
                "-1:open",
                "017:open",
                "1.5:open",
                " 17:open",
                "17:OPEN",
                "2147483648:open",
                "99999999999:closed",
                "x".repeat(1000))) {
            assertThatThrownBy(() -> EventPosition.parse(id)).as(id).isInstanceOf(InvalidEventId.class);
        }
        assertThatThrownBy(() -> EventPosition.parse("x".repeat(1000)))
                .hasMessageContaining("...")
                .hasMessageContaining("<trial>:open");
    }
}
