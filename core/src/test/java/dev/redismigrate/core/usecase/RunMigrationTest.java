package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.MutableClock;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.port.TargetLocks;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The local sequence of steps, with fakes at the ports: order, cleanup on every path, and what each path records. */
class RunMigrationTest {
    private static final Retry NO_WAIT = new Retry(Backoff.API, 3, pause -> { });
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final InMemoryTargetClaim claims = new InMemoryTargetClaim();
    private final List<String> calls = new ArrayList<>();
    private final List<CheckResult> checks = new ArrayList<>(List.of(CheckResult.pass("x", "ok")));
    private final TaskValidator validator = t -> new ValidationReport(NOW, checks);
    private SyncRunner syncBehaviour = (request, control, progress) -> {
        calls.add("sync");
        return new SyncRunner.Result(DesiredState.FINISH, new TaskSummary(3, 4, 5, Map.of(), Map.of()));
    };

    private final TargetLock lock = new TargetLock() {
        public LockRecord prepare(TargetSpec target, String taskId) {
            return new AclLockRecord("redis-migrate-" + taskId, List.of(), NOW);
        }

        public Grant lock(TargetSpec target, LockRecord record) {
            calls.add("lock");
            return new Grant(record, target.endpoint());
        }

        public Grant regrant(TargetSpec target, LockRecord record, SyncShard sync) {
            return lock(target, record);
        }

        public void unlock(TargetSpec target, LockRecord record) {
            calls.add("unlock");
        }
    };

    private final SourceParameters parameters = new SourceParameters() {
        public Applied apply(SourceSpec source, List<ParameterSetting> requested, Consumer<List<ParameterSetting>> recorded) {
            calls.add("set-parameters");
            List<ParameterSetting> applied = requested.stream().map(s -> s.appliedOver("old")).toList();
            recorded.accept(applied);
            return new Applied(applied, List.of());
        }

        public Applied restore(SourceSpec source, List<ParameterSetting> settings) {
            calls.add("restore-parameters");
            return new Applied(settings.stream().map(ParameterSetting::restored).toList(), List.of());
        }
    };

    private final RunMigration.Listener listener = new RunMigration.Listener() {
        public void step(String message) {
        }

        public void validated(ValidationReport report) {
        }

        public void progress(Progress progress) {
        }
    };

    private RunMigration runner() {
        SyncRunner delegating = (request, control, progress) -> syncBehaviour.run(request, control, progress);
        return new RunMigration(store, new StartTask(store, validator, clock), new LockTarget(store, TargetLocks.aclOnly(lock), claims, clock),
                new ApplySourceParameters(store, parameters, clock), new RunSync(store, delegating, FinishGate.none(), clock),
                new RestoreSourceParameters(store, parameters, clock), new UnlockTarget(store, TargetLocks.aclOnly(lock), claims, NO_WAIT, clock),
                new RecordOutcome(store, clock), clock, d -> calls.add("wait " + d.toSeconds() + "s"));
    }

    private MigrationTask created(Instant start) {
        return new CreateTask(store, validator, clock).create(new NewTask("orders", SourceSpec.of(RedisEndpoint.of("s", 1)),
                TargetSpec.of(RedisEndpoint.of("t", 2)), start, List.of(ParameterSetting.requested("repl-timeout", "600"))));
    }

    @Test
    void happyPathRunsEveryStepInOrderAndFinishes() {
        MigrationTask done = runner().run(created(null).id(), listener);
        assertThat(calls).containsExactly("lock", "set-parameters", "sync", "restore-parameters", "unlock");
        assertThat(done.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(done.summary().keysApplied()).isEqualTo(3);
        assertThat(done.lock()).isNull();
        assertThat(done.parameters()).noneMatch(ParameterSetting::applied);
        assertThat(claims.holder("t:2")).as("the claim on the target is given up").isEmpty();
    }

    @Test
    void aTargetClaimedByAnotherTaskFailsBeforeAnythingIsTouched() {
        claims.claim("t:2", "other");
        MigrationTask failed = runner().run(created(null).id(), listener);
        assertThat(calls).as("no lock and no parameter: nothing to undo").containsExactly("restore-parameters");
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failure()).contains("in use by task other");
        assertThat(claims.holder("t:2")).contains("other");
    }

    @Test
    void validationErrorAtStartTouchesNothing() {
        MigrationTask task = created(null);
        checks.add(CheckResult.error("target.empty", "db0 holds 1 key"));
        assertThat(runner().run(task.id(), listener).status()).isEqualTo(TaskStatus.VALIDATION_FAILED);
        assertThat(calls).isEmpty();
    }

    @Test
    void syncFailureStillRestoresAndUnlocksAndRecordsTheCause() {
        syncBehaviour = (request, control, progress) -> {
            throw new SyncFailedException("source closed the replication link", null);
        };
        MigrationTask failed = runner().run(created(null).id(), listener);
        assertThat(calls).containsExactly("lock", "set-parameters", "restore-parameters", "unlock");
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failure()).isEqualTo("source closed the replication link");
    }

    @Test
    void cancelDuringSyncCleansUpAndEndsCancelled() {
        syncBehaviour = (request, control, progress) -> new SyncRunner.Result(DesiredState.CANCEL,
                new TaskSummary(0, 0, 0, Map.of(), Map.of()));
        assertThat(runner().run(created(null).id(), listener).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(calls).containsExactly("lock", "set-parameters", "restore-parameters", "unlock");
    }

    @Test
    void scheduledStartWaitsThenRuns() {
        MutableClock time = new MutableClock(NOW);
        MigrationTask task = new CreateTask(store, validator, time).create(new NewTask("later",
                SourceSpec.of(RedisEndpoint.of("s", 1)), TargetSpec.of(RedisEndpoint.of("t", 2)), NOW.plusSeconds(2), List.of()));
        RunMigration runner = new RunMigration(store, new StartTask(store, validator, time), new LockTarget(store, TargetLocks.aclOnly(lock), claims, time),
                new ApplySourceParameters(store, parameters, time), new RunSync(store, syncBehaviour, FinishGate.none(), time),
                new RestoreSourceParameters(store, parameters, time), new UnlockTarget(store, TargetLocks.aclOnly(lock), claims, NO_WAIT, time),
                new RecordOutcome(store, time), time, d -> {
                    calls.add("wait " + d.toSeconds() + "s");
                    time.advance(d);
                });
        assertThat(runner.run(task.id(), listener).status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(calls).startsWith("wait 1s", "wait 1s", "lock");
    }

    @Test
    void cancelWhileScheduledEndsWithoutTouchingAnything() {
        MigrationTask task = created(NOW.plusSeconds(3600));
        RunMigration runner = new RunMigration(store, new StartTask(store, validator, clock), new LockTarget(store, TargetLocks.aclOnly(lock), claims, clock),
                new ApplySourceParameters(store, parameters, clock), new RunSync(store, syncBehaviour, FinishGate.none(), clock),
                new RestoreSourceParameters(store, parameters, clock), new UnlockTarget(store, TargetLocks.aclOnly(lock), claims, NO_WAIT, clock),
                new RecordOutcome(store, clock), clock, d -> new RequestStop(store, clock).cancel(task.id()));
        assertThat(runner.run(task.id(), listener).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(calls).isEmpty();
    }
}
