package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesUpToThirtySecondsWithJitterInTheUpperHalf() {
        assertThat(ReplicationSyncRunner.backoff(0, 0)).isEqualTo(Duration.ofMillis(250));
        assertThat(ReplicationSyncRunner.backoff(0, 0.999)).isBetween(Duration.ofMillis(490), Duration.ofMillis(500));
        assertThat(ReplicationSyncRunner.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(3000));
        assertThat(ReplicationSyncRunner.backoff(40, 0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(ReplicationSyncRunner.backoff(40, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
}
