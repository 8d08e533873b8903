package dev.redismigrate.cli.console;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.cli.DeployedFunction;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskEdit;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.cloud.CreateTaskRequest;
import dev.redismigrate.core.usecase.cloud.CreatedTask;
import dev.redismigrate.core.usecase.cloud.EditTaskRequest;
import dev.redismigrate.core.usecase.cloud.EditedTask;
import dev.redismigrate.core.usecase.cloud.SignalRequest;
import dev.redismigrate.core.usecase.cloud.TargetRequest;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The console over the stack deployed to AWS, as {@code redis-migrate task ...} uses it: tasks in the table; create
 * and edit through the create-task and edit-task functions (they validate from inside the VPC, where both Redis are
 * reachable); start and resume start executions; finish and cancel go the signal path. The executions run the tasks:
 * this console only shows them (progress from the table).
 */
final class CloudBackend implements ConsoleBackend {
    private final CloudServices services;
    private final DeployedFunction createTask;
    private final DeployedFunction editTask;
    private final TaskEvents events;
    private final Clock clock;

    CloudBackend(CloudServices services, DeployedFunction createTask, DeployedFunction editTask, TaskEvents events,
                 Clock clock) {
        this.services = services;
        this.createTask = createTask;
        this.editTask = editTask;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public ConsoleMode mode() {
        return ConsoleMode.CLOUD;
    }

    @Override
    public TaskStore store() {
        return services.store();
    }

    /** The stack validates only inside its create-task function, which also stores the task. */
    @Override
    public ValidationReport validate(TaskForm form, String editedTaskId) {
        throw new ApiException(501, null, "in cloud mode validation runs inside the stack when a task is created:"
                + " create the task (it is not started) and read its report; edit it to validate again", Map.of());
    }

    /**
     * The create-task function stores and validates in one step: a task with an ERROR is kept VALIDATION_FAILED
     * (422 names it as {@code taskId}: edit it), and WARNINGs cannot hold the creation back (they are in the report).
     */
    @Override
    public MigrationTask create(TaskForm form) {
        SecretRef sourcePassword = reference(form.sourcePassword());
        TargetRequest target = form.target() == null
                ? new TargetRequest(null, form.targetInstanceId(), form.allowUnlockedTarget(), false, form.targetUser(),
                reference(form.targetPassword()))
                : TargetRequest.of(new TargetSpec(form.target().withPassword(reference(form.targetPassword())),
                form.targetInstanceId(), form.allowUnlockedTarget(), false));
        CreatedTask created = createTask.invoke(new CreateTaskRequest(form.name(),
                new SourceSpec(form.source().withPassword(sourcePassword), form.sourceVmId(), form.sourcePrivateIp()),
                target, form.scheduledStart(), form.parameters(), false), CreatedTask.class);
        if (created.status() == TaskStatus.VALIDATION_FAILED) {
            ValidationReport report = created.validation();
            throw new ApiException(422, null, "validation found " + report.count(CheckLevel.ERROR) + " ERROR(s): the"
                    + " stack keeps the task " + created.taskId() + " as VALIDATION_FAILED; edit it once fixed",
                    Map.of("validation", ValidationView.of(report), "taskId", created.taskId()));
        }
        return find(created.taskId());
    }

    @Override
    public MigrationTask edit(String taskId, TaskForm form) {
        MigrationTask before = find(taskId);
        form.refuseChangesOfFixedFields(before);
        TaskEdit edit = form.edit(form.sourcePassword().absent() ? null : reference(form.sourcePassword()),
                form.targetPassword().absent() ? null : reference(form.targetPassword()));
        return edited(taskId, edit);
    }

    @Override
    public MigrationTask start(String taskId, Instant at) {
        MigrationTask task = find(taskId);
        if (task.status() == TaskStatus.FAILED) {
            services.resumeCloudTask().resume(taskId);
            return find(taskId);
        }
        Optional<TaskEdit> schedule = task.status() == TaskStatus.VALIDATED
                ? StartAt.scheduleEdit(task, at, clock.instant()) : Optional.empty();
        if (schedule.isPresent() && edited(taskId, schedule.get()).status() != TaskStatus.VALIDATED) {
            return find(taskId);
        }
        services.startCloudTask().start(taskId);
        return find(taskId);
    }

    /** The target sits in the stack's VPC: the sync's own verification, at finish, compares it with the source. */
    @Override
    public VerificationReport verify(String taskId, VerifyMode mode) {
        find(taskId);
        throw new ApiException(501, null, "in cloud mode the target is reachable from inside the stack only: finish"
                + " verifies before it stops (a refusal shows as a finish-refused event)", Map.of());
    }

    @Override
    public MigrationTask finish(String taskId, boolean force) {
        find(taskId);
        services.signalTask().signal(new SignalRequest(taskId, SignalRequest.Action.FINISH, force));
        events.add(taskId, TaskEvents.Event.finishRequested(clock.instant(), force));
        return find(taskId);
    }

    @Override
    public MigrationTask cancel(String taskId) {
        find(taskId);
        services.signalTask().signal(new SignalRequest(taskId, SignalRequest.Action.CANCEL, false));
        events.add(taskId, new TaskEvents.Event(clock.instant(), "cancel-requested", "cancel requested"));
        return find(taskId);
    }

    @Override
    public VerificationReport lastVerification(String taskId) {
        return null;
    }

    private MigrationTask edited(String taskId, TaskEdit edit) {
        EditedTask edited = editTask.invoke(new EditTaskRequest(taskId, edit), EditedTask.class);
        events.add(taskId, new TaskEvents.Event(clock.instant(), "edited", "edited and validated again: "
                + edited.status()));
        return find(taskId);
    }

    private MigrationTask find(String taskId) {
        return store().find(taskId).orElseThrow(() -> ApiException.notFound("no task has the id '" + taskId + "'"));
    }

    /** A Secrets Manager reference (the form reader let nothing else through), none, or none when cleared. */
    private static SecretRef reference(PasswordInput input) {
        return input.reference() != null ? input.reference() : new SecretRef.None();
    }
}
