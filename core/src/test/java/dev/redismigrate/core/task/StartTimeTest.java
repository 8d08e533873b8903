package dev.redismigrate.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StartTimeTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void acceptsInstantsOffsetsAndLocalTimes() {
        assertThat(StartTime.parse("2025-06-01T22:00:00Z", BERLIN)).isEqualTo(Instant.parse("2025-06-01T22:00:00Z"));
        assertThat(StartTime.parse("2025-06-01T22:00+02:00", BERLIN)).isEqualTo(Instant.parse("2025-06-01T20:00:00Z"));
        assertThat(StartTime.parse(" 2025-06-01 22:00 ", BERLIN)).isEqualTo(Instant.parse("2025-06-01T20:00:00Z"));
    }

    @Test
    void rejectsAnythingElseInOneLine() {
        assertThatThrownBy(() -> StartTime.parse("tomorrow", BERLIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'tomorrow' is not a start time");
    }
}
