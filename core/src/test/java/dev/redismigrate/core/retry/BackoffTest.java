package dev.redismigrate.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void reconnectDoublesUpToThirtySecondsWithJitterInTheUpperHalf() {
        Backoff backoff = Backoff.RECONNECT;
        assertThat(backoff.delay(0, 0)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delay(0, 0.999)).isBetween(Duration.ofMillis(490), Duration.ofMillis(500));
        assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofMillis(3000));
        assertThat(backoff.delay(40, 0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(backoff.delay(40, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
}
