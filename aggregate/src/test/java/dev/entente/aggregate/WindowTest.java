package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:34:56Z");

    @Test
    void readsHoursAndDaysAsRollingWindowsEndingNow() {
        assertThat(Window.parse("24h").length()).contains(Duration.ofHours(24));
        assertThat(Window.parse("7d").length()).contains(Duration.ofDays(7));
        assertThat(Window.parse("7d").from(NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(Window.parse("7D").text()).isEqualTo("7d");
    }

    @Test
    void readsAllAsEverythingSinceTheEpoch() {
        Window all = Window.parse("all");
        assertThat(all.isAll()).isTrue();
        assertThat(all.length()).isEmpty();
        assertThat(all.from(NOW)).isEqualTo(Instant.EPOCH);
        assertThat(all).isEqualTo(Window.ALL);
    }

    @Test
    void acceptsTheLongestWindowInHoursOrDays() {
        assertThat(Window.parse(Window.MAX_DAYS + "d").length()).contains(Duration.ofDays(Window.MAX_DAYS));
        assertThat(Window.parse(Window.MAX_DAYS * 24 + "h").length()).contains(Duration.ofDays(Window.MAX_DAYS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7w", "", "d", "7", "-1d", "1.5d", "7 d", "alltime", "9999999999d"})
    void rejectsMalformedWindowsNamingTheExpectedShape(String text) {
        assertThatThrownBy(() -> Window.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window must be Nh, Nd or all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0h", "0d", "3651d", "87601h"})
    void rejectsWindowsOutOfRangeNamingTheRange(String text) {
        assertThatThrownBy(() -> Window.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1h and 3650d");
    }
}
