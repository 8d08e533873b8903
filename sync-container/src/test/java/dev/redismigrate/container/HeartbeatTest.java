package dev.redismigrate.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.aws.execution.TaskCallback;
import dev.redismigrate.aws.execution.TaskTokenExpiredException;
import dev.redismigrate.core.port.SyncRunner;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The heartbeat from the progress of a long finish verification, with a fake callback and clock. */
class HeartbeatTest {
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger beats = new AtomicInteger();
    private volatile RuntimeException refusal;
    private final TaskCallback callback = new TaskCallback() {
        @Override
        public void heartbeat() {
            if (refusal != null) {
                throw refusal;
            }
            beats.incrementAndGet();
        }

        @Override
        public void succeed(SyncRunner.Result result) {
            throw new AssertionError("a heartbeat answers nothing");
        }

        @Override
        public void fail(String error, String cause) {
            throw new AssertionError("a heartbeat answers nothing");
        }
    };
    private final Heartbeat heartbeat = new Heartbeat(callback, EVERY, clock::get);

    @Test
    void aVerificationThatReportsForTenMinutesBeatsOnceAMinute() {
        for (int second = 1; second <= 600; second++) {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            heartbeat.beatIfDue("t1/0-8191");
        }

        assertThat(beats).hasValue(10);
    }

    @Test
    void aVerificationThatStopsReportingStopsBeating() {
        clock.addAndGet(EVERY.toNanos());
        heartbeat.beatIfDue("t1");
        clock.addAndGet(Duration.ofMinutes(10).toNanos()); // hung: no step reported

        assertThat(beats).hasValue(1);
    }

    @Test
    void aFailedBeatIsTriedAgainAtTheNextStep() {
        refusal = new IllegalStateException("network unreachable");
        clock.addAndGet(EVERY.toNanos());
        assertThat(heartbeat.beatIfDue("t1")).isFalse();

        refusal = null;
        clock.addAndGet(1);
        assertThat(heartbeat.beatIfDue("t1")).isTrue();
    }

    @Test
    void aBeatRefusedForAnExpiredTokenStopsTheWork() {
        refusal = new TaskTokenExpiredException("TaskTimedOut", null);
        clock.addAndGet(EVERY.toNanos());

        assertThatThrownBy(() -> heartbeat.beatIfDue("t1")).isInstanceOf(TaskTokenExpiredException.class);
    }
}
