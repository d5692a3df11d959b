package org.neuromod.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void keepsStringsBooleansAndNumbersWithWholeNumbersExact() {
        Metadata metadata = Metadata.of(Map.of("id", "b3", "ok", true, "count", 7, "big", 9007199254740993L, "t", 1.5));

        assertThat(metadata.values())
                .containsEntry("id", "b3")
                .containsEntry("ok", true)
                .containsEntry("count", 7L)
                .containsEntry("big", 9007199254740993L)
                .containsEntry("t", 1.5);
    }

    @Test
    void refusesNestingNonFiniteNumbersAndOversizedEntries() {
        assertThatThrownBy(() -> Metadata.of(Map.of("nested", Map.of("a", 1)))).isInstanceOf(InvalidMetadata.class);
        assertThatThrownBy(() -> Metadata.of(Map.of("list", List.of(1)))).isInstanceOf(InvalidMetadata.class);
        assertThatThrownBy(() -> Metadata.of(Map.of("x", Double.POSITIVE_INFINITY)))
                .isInstanceOf(InvalidMetadata.class);
        assertThatThrownBy(() -> Metadata.of(Map.of("x", BigInteger.TEN.pow(30))))
                .isInstanceOf(InvalidMetadata.class);
        assertThatThrownBy(() -> Metadata.of(Map.of("x", "y".repeat(257)))).isInstanceOf(InvalidMetadata.class);
        assertThatThrownBy(() -> Metadata.of(Map.of("k".repeat(65), 1))).isInstanceOf(InvalidMetadata.class);
        var many = new HashMap<String, Object>();
        for (int i = 0; i < 33; i++) {
            many.put("k" + i, i);
        }
        assertThatThrownBy(() -> Metadata.of(many)).isInstanceOf(InvalidMetadata.class);
        var withNull = new HashMap<String, Object>();
        withNull.put("x", null);
        assertThatThrownBy(() -> Metadata.of(withNull)).isInstanceOf(InvalidMetadata.class);
    }

    @Test
    void noMetadataIsEmpty() {
        assertThat(Metadata.of(null).isEmpty()).isTrue();
    }

    @Test
    void refusesNamesAndStringsADatabaseCannotStoreSayingWhy() {
        assertThatThrownBy(() -> Metadata.of(Map.of("trialId", "b3\u0000")))
                .isInstanceOf(InvalidMetadata.class)
                .hasMessage("metadata 'trialId' holds a NUL character (U+0000) at index 2, which PostgreSQL cannot"
                        + " store");
        assertThatThrownBy(() -> Metadata.of(Map.of("trial\u0000Id", 1)))
                .isInstanceOf(InvalidMetadata.class)
                .hasMessageStartingWith("metadata name 'trial\u0000Id' holds a NUL character (U+0000) at index 5");
        assertThatThrownBy(() -> Metadata.of(Map.of("trialId", "\udfff\ud800")))
                .isInstanceOf(InvalidMetadata.class)
                .hasMessage("metadata 'trialId' holds an unpaired surrogate U+DFFF at index 0, which is not Unicode"
                        + " text (UTF-8 cannot encode it)");
        assertThatThrownBy(() -> Metadata.of(Map.of("\ud800", 1))).isInstanceOf(InvalidMetadata.class);
        assertThat(Metadata.of(Map.of("mouse", "\ud83d\udc2d", "big", 1e308)).values())
                .containsEntry("mouse", "\ud83d\udc2d")
                .containsEntry("big", 1e308);
    }

    @Test
    void storedMetadataIsGivenBackWithoutTheRulesOfNewInput() {
        assertThat(Metadata.restore(Map.of("trialId", "b3\u0000", "count", 3)).values())
                .containsEntry("trialId", "b3\u0000")
                .containsEntry("count", 3L);
    }
}
