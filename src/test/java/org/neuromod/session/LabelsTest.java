package org.neuromod.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void acceptsWellFormedLabels() {
        assertThat(Labels.of(Map.of("subject", "m17", "rig.box", "3")).values())
                .containsEntry("subject", "m17")
                .hasSize(2);
        assertThat(Labels.of(null)).isEqualTo(Labels.NONE);
    }

    @Test
    void refusesBadNamesEmptyOrLongValuesAndTooManyLabels() {
        assertThatThrownBy(() -> Labels.of(Map.of("sub:ject", "m17"))).isInstanceOf(InvalidLabels.class);
        assertThatThrownBy(() -> Labels.of(Map.of("", "m17"))).isInstanceOf(InvalidLabels.class);
        assertThatThrownBy(() -> Labels.of(Map.of("subject", ""))).isInstanceOf(InvalidLabels.class);
        assertThatThrownBy(() -> Labels.of(Map.of("subject", "x".repeat(257)))).isInstanceOf(InvalidLabels.class);
        var many = new HashMap<String, String>();
        for (int i = 0; i < 17; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> Labels.of(many)).isInstanceOf(InvalidLabels.class);
    }

    @Test
    void refusesValuesADatabaseCannotStoreSayingWhy() {
        assertThatThrownBy(() -> Labels.of(Map.of("subject", "m\u000017")))
                .isInstanceOf(InvalidLabels.class)
                .hasMessage("the value of label 'subject' holds a NUL character (U+0000) at index 1, which PostgreSQL"
                        + " cannot store");
        assertThatThrownBy(() -> Labels.of(Map.of("subject", "m17\ud800")))
                .isInstanceOf(InvalidLabels.class)
                .hasMessage("the value of label 'subject' holds an unpaired surrogate U+D800 at index 3, which is not"
                        + " Unicode text (UTF-8 cannot encode it)");
        assertThatThrownBy(() -> Labels.of(Map.of("subject", "\udc00m17"))).isInstanceOf(InvalidLabels.class);
        assertThatThrownBy(() -> Labels.of(Map.of("sub\u0000ject", "m17"))).isInstanceOf(InvalidLabels.class);
        assertThat(Labels.of(Map.of("subject", "m17 \ud83d\udc2d \uffff")).values())
                .as("a surrogate pair and a noncharacter are text PostgreSQL stores")
                .containsEntry("subject", "m17 \ud83d\udc2d \uffff");
    }
}
