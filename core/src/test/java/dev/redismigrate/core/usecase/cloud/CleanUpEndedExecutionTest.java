package dev.redismigrate.core.usecase.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncTasks;
import dev.redismigrate.core.port.TargetLocks;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.usecase.RestoreSourceParameters;
import dev.redismigrate.core.usecase.UnlockTarget;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The janitor's clean-up over an in-memory store and recorded container stops. The tasks hold neither a lock nor
 * applied parameters (the lock and parameter use cases have their own tests), so no adapter of those is needed.
 */
class CleanUpEndedExecutionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String HOW = "the execution ended TIMED_OUT";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final List<String> stops = new ArrayList<>();
    private SyncTasks containers = (startedBy, reason) -> {
        stops.add(startedBy);
        return 1;
    };

    @Test
    void aSyncingTasksContainersAreStoppedAndTheTaskRecordedFailed() {
        MigrationTask task = started(null);

        CleanupReport report = janitor().cleanUp(task.id(), "mig-" + task.id(), HOW);

        assertThat(stops).containsExactly("mig-" + task.id());
        assertThat(report.actions()).containsExactly("stopped 1 sync container(s)", "recorded FAILED");
        assertThat(report.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(store.resolve(task.id()).failure()).startsWith(HOW);
    }

    @Test
    void aTaskWhoseStartWasStillAheadIsCancelled() {
        MigrationTask task = started(NOW.plus(Duration.ofDays(2)));

        CleanupReport report = janitor().cleanUp(task.id(), "mig-" + task.id(), "the execution ended ABORTED");

        assertThat(report.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(report.actions()).contains("cancelled: its start was still ahead");
    }

    @Test
    void anExecutionThatIsNoLongerTheTasksRunAndAnUnknownTaskAreLeftAlone() {
        MigrationTask task = store.update(started(null).id(), t -> t.moveTo(TaskStatus.SYNCING, NOW)
                .failed("source lost", NOW).resume(NOW));

        CleanupReport superseded = janitor().cleanUp(task.id(), "mig-" + task.id(), HOW);
        CleanupReport unknown = janitor().cleanUp("nosuchtask", "mig-nosuchtask", HOW);

        assertThat(superseded.actions()).containsExactly("the execution mig-" + task.id() + " was superseded by mig-"
                + task.id() + "-2: nothing to clean up");
        assertThat(unknown.actions()).containsExactly("no task nosuchtask: nothing to clean up");
        assertThat(stops).isEmpty();
        assertThat(store.resolve(task.id()).status()).isEqualTo(TaskStatus.SYNCING);
    }

    @Test
    void aLaterRunStopsTheContainersByTheNameEveryRunGivesThem() {
        MigrationTask task = store.update(started(null).id(), t -> t.moveTo(TaskStatus.SYNCING, NOW)
                .failed("source lost", NOW).resume(NOW));

        CleanupReport report = janitor().cleanUp(task.id(), "mig-" + task.id() + "-2", HOW);

        assertThat(stops).containsExactly("mig-" + task.id());
        assertThat(report.actions()).contains("stopped 1 sync container(s)");
    }

    @Test
    void everyShardsContainersOfAClusterSourceAreStopped() {
        List<SyncShard> shards = List.of(new SyncShard("0-8191", "10.0.0.7:7000", "0-8191"),
                new SyncShard("8192-16383", "10.0.0.8:7000", "8192-16383"));
        MigrationTask task = store.update(started(null).id(), t -> t.withValidation(
                new ValidationReport(NOW, List.of(), null, null, shards), NOW));

        CleanupReport report = janitor().cleanUp(task.id(), "mig-" + task.id(), HOW);

        assertThat(stops).containsExactly("mig-" + task.id() + "/0-8191", "mig-" + task.id() + "/8192-16383");
        assertThat(report.actions()).contains("stopped 2 sync container(s)");
    }

    @Test
    void whatCouldNotBeStoppedIsThrownAfterTheTaskIsRecorded() {
        MigrationTask task = started(null);
        containers = (startedBy, reason) -> {
            throw new IllegalStateException("ListTasks throttled");
        };

        assertThatThrownBy(() -> janitor().cleanUp(task.id(), "mig-" + task.id(), HOW))
                .isInstanceOf(CleanupIncompleteException.class)
                .hasMessage("task " + task.id() + ": stopping the sync containers: ListTasks throttled");
        assertThat(store.resolve(task.id()).status()).isEqualTo(TaskStatus.FAILED);
    }

    private CleanUpEndedExecution janitor() {
        // No adapters: a task without a lock or applied parameters never reaches them.
        UnlockTarget unlock = new UnlockTarget(store, TargetLocks.builder().build(), new InMemoryTargetClaim(),
                Retry.forCleanup(), clock);
        return new CleanUpEndedExecution(store, containers, new RestoreSourceParameters(store, null, clock), unlock,
                new RecordOutcome(store, clock), new RequestStop(store, clock));
    }

    private MigrationTask started(Instant at) {
        MigrationTask task = store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 1)),
                TargetSpec.of(RedisEndpoint.of("dst", 2)), at, List.of(), NOW));
        return store.update(task.id(), t -> t.moveTo(TaskStatus.VALIDATED, NOW).start(NOW));
    }
}
