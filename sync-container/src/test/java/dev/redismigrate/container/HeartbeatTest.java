package dev.redismigrate.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.aws.execution.TaskCallback;
import dev.redismigrate.aws.execution.TaskTokenExpiredException;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.VerificationFinishGate;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.Verifier;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyPhase;
import dev.redismigrate.core.verify.VerifyProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The heartbeat from the engine's reports and a long finish verification's progress, with a fake callback and clock. */
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
    private final Heartbeat heartbeat = new Heartbeat(callback, EVERY, clock::get, "t1/0-8191");

    @Test
    void aVerificationThatReportsForTenMinutesBeatsOnceAMinute() {
        for (int second = 1; second <= 600; second++) {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            heartbeat.beatIfDue();
        }

        assertThat(beats).hasValue(10);
    }

    @Test
    void theFinishGatesFullVerificationBeatsThroughItsProgress() {
        Verifier tenMinutes = (source, target, options, progress) -> {
            for (int second = 1; second <= 600; second++) {
                clock.addAndGet(Duration.ofSeconds(1).toNanos());
                progress.accept(new VerifyProgress(VerifyPhase.SOURCE_KEYS, 1, second, 600, 0, 100));
            }
            return new VerificationReport(VerifyMode.FULL, Instant.EPOCH, 600_000, 1, 600, 0, Map.of(), Map.of(), 0,
                    Map.of(), List.of(), 0, "CONSISTENT");
        };
        FinishGate gate = VerificationFinishGate.forMode("full", tenMinutes, step -> heartbeat.beatIfDue());
        MigrationTask task = MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 6379)),
                TargetSpec.of(RedisEndpoint.of("dst", 6379)), null, List.of(), Instant.EPOCH);

        assertThat(gate.check(task, null).pass()).isTrue();
        assertThat(beats).as("one a minute, within the state's 300 s").hasValue(10);
    }

    @Test
    void aVerificationThatStopsReportingStopsBeating() {
        clock.addAndGet(EVERY.toNanos());
        heartbeat.beatIfDue();
        clock.addAndGet(Duration.ofMinutes(10).toNanos()); // hung: no step reported

        assertThat(beats).hasValue(1);
    }

    @Test
    void aFailedBeatIsTriedAgainAtTheNextStep() {
        refusal = new IllegalStateException("network unreachable");
        clock.addAndGet(EVERY.toNanos());
        assertThat(heartbeat.beatIfDue()).isFalse();

        refusal = null;
        clock.addAndGet(1);
        assertThat(heartbeat.beatIfDue()).isTrue();
    }

    @Test
    void aBeatRefusedForAnExpiredTokenStopsTheWork() {
        refusal = new TaskTokenExpiredException("TaskTimedOut", null);
        clock.addAndGet(EVERY.toNanos());

        assertThatThrownBy(() -> heartbeat.beatIfDue()).isInstanceOf(TaskTokenExpiredException.class);
    }
}
