package org.neuromod.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorsSettingsTest {

    @Test
    void noOriginsMeansCorsIsOff() {
        assertThat(new CorsSettings(null).enabled()).isFalse();
        assertThat(new CorsSettings(List.of()).allowedOrigins()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8000", "https://tasks.example.org", "http://127.0.0.1", "*"})
    void acceptsOrigins(String origin) {
        var settings = new CorsSettings(List.of(origin));
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.allowedOrigins()).containsExactly(origin);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://tasks.example.org/",
                "https://tasks.example.org/bandit",
                "tasks.example.org",
                "ftp://tasks.example.org",
                "https://user@tasks.example.org",
                "http://local host",
                ""
            })
    void refusesWhatABrowserWouldNeverSendAsAnOrigin(String origin) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CorsSettings(List.of(origin)))
                .withMessageContaining("scheme://host[:port]");
    }
}
