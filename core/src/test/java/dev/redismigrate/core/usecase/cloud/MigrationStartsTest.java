package dev.redismigrate.core.usecase.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.Executions;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationStartsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final List<String> calls = new ArrayList<>();
    private final MigrationStarts starts = new MigrationStarts(new Executions() {
        @Override
        public void start(String name, String taskId, Instant waitUntil) {
            calls.add("start " + name + " " + waitUntil);
        }

        @Override
        public void schedule(String name, String taskId, Instant at) {
            calls.add("schedule " + name + " " + at);
        }

        @Override
        public void stop(String name, String cause) {
            calls.add("stop " + name);
        }
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void noTimeOrATimePastStartsAtOnce() {
        MigrationTask now = task(null);
        MigrationTask past = task(NOW.minusSeconds(60));
        assertThat(starts.start(now)).isEqualTo(new MigrationStarts.Started("mig-" + now.id(), NOW, false));
        starts.start(past);
        assertThat(calls).containsExactly("start mig-" + now.id() + " null", "start mig-" + past.id() + " null");
    }

    @Test
    void aTimeWithinAWeekIsAWaitingExecution() {
        Instant at = NOW.plus(Duration.ofDays(6));
        MigrationTask task = task(at);
        assertThat(starts.start(task).scheduled()).isFalse();
        assertThat(calls).containsExactly("start mig-" + task.id() + " " + at);
    }

    @Test
    void aTimeFurtherAheadIsASchedule() {
        Instant at = NOW.plus(Duration.ofDays(30));
        MigrationTask task = task(at);
        assertThat(starts.start(task)).isEqualTo(new MigrationStarts.Started("mig-" + task.id(), at, true));
        assertThat(calls).containsExactly("schedule mig-" + task.id() + " " + at);
    }

    private static MigrationTask task(Instant start) {
        return MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 6379)),
                TargetSpec.of(RedisEndpoint.of("dst", 6380)), start, List.of(), NOW);
    }
}
