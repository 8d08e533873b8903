package dev.redismigrate.core.usecase.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretRefusedException;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskEdit;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.CreateTask;
import dev.redismigrate.core.usecase.EditTask;
import dev.redismigrate.core.usecase.NewTask;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.core.usecase.TaskValidator;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Edit, start again and resume in the cloud, over an in-memory store and recorded Step Functions calls. */
class CloudRunsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final List<String> calls = new ArrayList<>();
    private final RecordedExecutions executions = new RecordedExecutions(calls);
    private final MigrationStarts starts = new MigrationStarts(executions, clock);
    private final TaskValidator validator = task -> new ValidationReport(NOW, List.of(CheckResult.pass("x", "ok")));
    private final SecretResolver cloudSecrets = new SecretResolver() {
        @Override
        public Optional<String> resolve(SecretRef ref) {
            return Optional.empty();
        }

        @Override
        public void requireAccepted(SecretRef ref) {
            if (!(ref instanceof SecretRef.None) && !(ref instanceof SecretRef.SecretsManager)) {
                throw new SecretRefusedException("the cloud reads passwords only from AWS Secrets Manager");
            }
        }
    };
    private final StartTask startTask = new StartTask(store, validator, clock);
    private final EditCloudTask editTask = new EditCloudTask(new EditTask(store, validator, starts, clock), cloudSecrets);
    private final StartCloudTask startCloudTask = new StartCloudTask(store, startTask, starts);
    private final ResumeCloudTask resumeTask = new ResumeCloudTask(store, starts, new RecordOutcome(store, clock), clock);

    @Test
    void anEditedScheduledTaskLosesItsWaitingExecutionAndItsNextStartRunsUnderANewName() {
        MigrationTask task = validated(NOW.plus(Duration.ofHours(2)));
        startCloudTask.start(task.id());

        EditedTask edited = editTask.edit(new EditTaskRequest(task.id(), new TaskEdit("orders-v2", null, null, null, null,
                NOW.plus(Duration.ofHours(3)), false, Map.of(), null, null)));

        assertThat(edited.status()).isEqualTo(TaskStatus.VALIDATED);
        assertThat(edited.validation()).isNotNull();
        assertThat(calls).containsExactly("start mig-" + task.id() + " waiting until " + NOW.plus(Duration.ofHours(2)),
                "stop mig-" + task.id());

        StartedRun again = startCloudTask.start(task.id());
        assertThat(again.executionName()).as("a stopped execution's name stays taken").isEqualTo("mig-" + task.id() + "-2");
        assertThat(again.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(calls).last().isEqualTo("start mig-" + task.id() + "-2 waiting until " + NOW.plus(Duration.ofHours(3)));

        new SignalTask(new RequestStop(store, clock), starts).signal(new SignalRequest(task.id(), SignalRequest.Action.CANCEL, false));
        assertThat(calls).as("a cancel stops the run that waits").last().isEqualTo("stop mig-" + task.id() + "-2");
    }

    @Test
    void anEditNamingAPasswordTheCloudCannotReadChangesNothing() {
        MigrationTask task = validated(null);
        TaskEdit edit = new TaskEdit(null, null, new SecretRef.EnvVar("AWS_SECRET_ACCESS_KEY"), null, null, null, false,
                Map.of(), null, null);

        assertThatThrownBy(() -> editTask.edit(new EditTaskRequest(task.id(), edit))).isInstanceOf(SecretRefusedException.class);
        assertThat(store.resolve(task.id())).isEqualTo(task);
    }

    @Test
    void onlyAValidatedTaskIsStarted() {
        MigrationTask task = store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 1)),
                TargetSpec.of(RedisEndpoint.of("dst", 2)), null, List.of(), NOW));

        assertThatThrownBy(() -> startCloudTask.start(task.id())).isInstanceOf(TaskStateException.class)
                .hasMessageContaining("is CREATED: only a VALIDATED task can be started");
        assertThat(calls).isEmpty();
    }

    @Test
    void aFailedTaskResumesSyncingInANewExecutionEachTime() {
        MigrationTask task = failed();

        StartedRun first = resumeTask.resume(task.id());
        assertThat(first.status()).isEqualTo(TaskStatus.SYNCING);
        assertThat(first.executionName()).isEqualTo("mig-" + task.id() + "-2");
        assertThat(store.resolve(task.id()).failure()).isNull();

        store.update(task.id(), t -> t.failed("target lost again", NOW));
        assertThat(resumeTask.resume(task.id()).executionName()).isEqualTo("mig-" + task.id() + "-3");
        assertThat(calls).containsExactly("start mig-" + task.id() + "-2", "start mig-" + task.id() + "-3");
    }

    @Test
    void aCancelledOrStillRunningTaskIsNotResumed() {
        MigrationTask running = store.update(failed().id(), t -> t.resume(NOW));
        assertThatThrownBy(() -> resumeTask.resume(running.id())).isInstanceOf(TaskStateException.class)
                .hasMessageContaining("still runs");
        MigrationTask cancelled = store.update(running.id(), t -> t.moveTo(TaskStatus.CANCELLED, NOW));
        assertThatThrownBy(() -> resumeTask.resume(cancelled.id())).isInstanceOf(TaskStateException.class)
                .hasMessageContaining("a cancelled task stays cancelled");
        assertThat(calls).isEmpty();
        assertThat(store.resolve(cancelled.id()).status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void aResumeWhoseExecutionDoesNotStartLeavesTheTaskFailedWithTheCause() {
        MigrationTask task = failed();
        executions.refuseStart("mig-" + task.id() + "-2");

        assertThatThrownBy(() -> resumeTask.resume(task.id())).hasMessageContaining("StartExecution refused");

        MigrationTask after = store.resolve(task.id());
        assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(after.failure()).contains("the resumed run's execution mig-" + task.id() + "-2 did not start");
    }

    private MigrationTask validated(Instant start) {
        return new CreateTask(store, validator, clock).create(new NewTask("orders", SourceSpec.of(RedisEndpoint.of("src", 1)),
                TargetSpec.of(RedisEndpoint.of("dst", 2)), start, List.of()));
    }

    private MigrationTask failed() {
        MigrationTask task = validated(null);
        startCloudTask.start(task.id());
        calls.clear();
        return store.update(task.id(), t -> t.moveTo(TaskStatus.SYNCING, NOW).failed("source lost", NOW));
    }
}
