package dev.redismigrate.sync.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveClockTest {
    @Test
    void lagIsTheAgeOfTheOldestUnappliedByte() {
        ReceiveClock clock = new ReceiveClock();
        clock.received(100, 1_000);
        clock.received(200, 1_100);
        clock.received(300, 1_200);
        assertThat(clock.lagMillis(300, 300, 2_000)).isZero();
        assertThat(clock.lagMillis(150, 300, 2_000)).isEqualTo(900);
        assertThat(clock.receivedAtMs(250, 2_000)).isEqualTo(1_200);
        assertThat(clock.receivedAtMs(400, 2_000)).isEqualTo(2_000);
    }

    @Test
    void bytesThatArrivedBetweenSamplesKeepTheirTimeAcrossAPauseInTheStream() {
        ReceiveClock clock = new ReceiveClock();
        clock.received(100, 1_000);
        clock.received(200, 1_010); // within the sampling interval
        clock.received(300, 3_000); // after the source paused for two seconds

        assertThat(clock.receivedAtMs(150, 4_000)).isEqualTo(1_010);
        assertThat(clock.receivedAtMs(250, 4_000)).isEqualTo(3_000);
        assertThat(clock.lagMillis(150, 300, 4_000)).isEqualTo(2_990);
    }
}
