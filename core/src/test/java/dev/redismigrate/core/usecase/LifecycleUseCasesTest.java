package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LifecycleUseCasesTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final List<CheckResult> nextResults = new ArrayList<>(List.of(CheckResult.pass("x", "ok")));
    private final TaskValidator validator = task -> new ValidationReport(NOW, nextResults);

    private NewTask request(Instant start) {
        return new NewTask("orders", SourceSpec.of(RedisEndpoint.of("src", 1)), TargetSpec.of(RedisEndpoint.of("dst", 2)),
                start, List.of());
    }

    @Test
    void creationValidatesAndRecordsTheReport() {
        MigrationTask ok = new CreateTask(store, validator, clock).create(request(null));
        assertThat(ok.status()).isEqualTo(TaskStatus.VALIDATED);
        assertThat(ok.lastValidation().results()).hasSize(1);

        nextResults.add(CheckResult.error("target.empty", "not empty"));
        MigrationTask bad = new CreateTask(store, validator, clock).create(request(null));
        assertThat(bad.status()).isEqualTo(TaskStatus.VALIDATION_FAILED);
    }

    @Test
    void startValidatesAgainAndAnErrorStopsBeforeAnythingIsTouched() {
        MigrationTask task = new CreateTask(store, validator, clock).create(request(NOW.minusSeconds(5)));
        StartTask start = new StartTask(store, validator, clock);
        assertThat(start.press(task.id()).status()).isEqualTo(TaskStatus.VALIDATING);
        nextResults.add(CheckResult.error("target.empty", "not empty"));
        MigrationTask failed = start.validateAgain(task.id());
        assertThat(failed.status()).isEqualTo(TaskStatus.VALIDATION_FAILED);
        assertThat(failed.lock()).isNull();
    }

    @Test
    void futureStartIsScheduledUntilTheTimeComes() {
        MigrationTask task = new CreateTask(store, validator, clock).create(request(NOW.plusSeconds(3600)));
        StartTask start = new StartTask(store, validator, clock);
        assertThat(start.press(task.id()).status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(start.timeReached(task.id()).status()).isEqualTo(TaskStatus.VALIDATING);
        assertThat(start.validateAgain(task.id()).status()).isEqualTo(TaskStatus.SYNCING);
    }

    @Test
    void cancelBeforeStartNeedsNoRunnerAndFinishNeedsASyncingTask() {
        MigrationTask task = new CreateTask(store, validator, clock).create(request(null));
        RequestStop stop = new RequestStop(store, clock);
        assertThatThrownBy(() -> stop.finish(task.id(), false)).isInstanceOf(TaskStateException.class);
        assertThat(stop.cancel("orders").status()).isEqualTo(TaskStatus.CANCELLED);
        assertThatThrownBy(() -> stop.cancel(task.id())).isInstanceOf(TaskStateException.class);
    }

    @Test
    void finishIsRefusedWhileTheGateFailsThenAcceptedWhenForced() {
        MigrationTask task = syncingTask();
        AtomicInteger gateCalls = new AtomicInteger();
        FinishGate failingGate = (t, p) -> {
            gateCalls.incrementAndGet();
            return new FinishGate.Verdict(false, "3 differences");
        };
        RequestStop stop = new RequestStop(store, clock);
        List<Progress> seen = new ArrayList<>();
        SyncRunner runner = (request, control, progress) -> {
            assertThat(request.taskId()).isEqualTo(task.id());
            stop.finish(task.id(), false);
            assertThat(control.desired()).isEqualTo(DesiredState.FINISH);
            Progress drained = drained();
            progress.accept(drained);
            assertThat(control.readyToStop(drained)).isFalse();
            assertThat(control.desired()).isEqualTo(DesiredState.RUN);
            stop.finish(task.id(), true);
            assertThat(control.readyToStop(drained)).isTrue();
            return new SyncRunner.Result(DesiredState.FINISH, new TaskSummary(1, 2, 3, Map.of(), Map.of()));
        };
        SyncRunner.Result result = new RunSync(store, runner, failingGate, clock).run(task.id(), RedisEndpoint.of("dst", 2), seen::add);
        assertThat(result.stoppedBy()).isEqualTo(DesiredState.FINISH);
        assertThat(gateCalls).hasValue(1);
        assertThat(seen).anySatisfy(p -> assertThat(p.lastEvent()).isNotNull()
                .satisfies(e -> assertThat(e.reason()).contains("3 differences")));
        MigrationTask after = store.find(task.id()).orElseThrow();
        assertThat(after.forcedFinish()).isTrue();
        assertThat(after.progress()).isNotNull();

        RecordOutcome outcome = new RecordOutcome(store, clock);
        outcome.finishing(task.id());
        assertThat(outcome.finished(task.id(), result.summary()).status()).isEqualTo(TaskStatus.FINISHED);
    }

    @Test
    void aRunAfterOneThatReportedProgressIsAResume() {
        MigrationTask task = syncingTask();
        List<Boolean> resumed = new ArrayList<>();
        SyncRunner runner = (request, control, progress) -> {
            resumed.add(request.resumed());
            progress.accept(drained());
            return new SyncRunner.Result(DesiredState.CANCEL, new TaskSummary(0, 0, 0, Map.of(), Map.of()));
        };
        RunSync sync = new RunSync(store, runner, (t, p) -> FinishGate.Verdict.passed("ok"), clock);
        sync.run(task.id(), RedisEndpoint.of("dst", 2), p -> { });
        sync.run(task.id(), RedisEndpoint.of("dst", 2), p -> { });
        assertThat(resumed).containsExactly(false, true);
    }

    @Test
    void theLastResumeOutlivesLaterEventsAndTheCheckpointAgeIsKnown() {
        SyncEvent resync = new SyncEvent(NOW, "resync", "backlog overwritten");
        Progress progress = new Progress(NOW.plusMillis(1500), SyncPhase.INCREMENTAL, 10, 10, 10, 0, 5, 100, 100, 0, 0,
                0, Map.of(), Map.of(), "r", NOW, resync, resync);
        Progress later = progress.withEvent(NOW.plusSeconds(2), new SyncEvent(NOW, "finish-refused", "differences"));
        assertThat(later.lastResume()).isEqualTo(resync);
        assertThat(progress.checkpointAgeMillis()).isEqualTo(1500);
        assertThat(Progress.starting(NOW).checkpointAgeMillis()).isEqualTo(-1);
        assertThat(TaskJson.readProgress(TaskJson.write(progress))).isEqualTo(progress);
    }

    private MigrationTask syncingTask() {
        MigrationTask task = new CreateTask(store, validator, clock).create(request(null));
        StartTask start = new StartTask(store, validator, clock);
        start.press(task.id());
        return start.validateAgain(task.id());
    }

    private static Progress drained() {
        return new Progress(NOW, SyncPhase.DRAINING, 10, 10, 10, 0, 5, 100, 100, 0, 0, 0, Map.of(), Map.of(), "r", NOW, null);
    }
}
