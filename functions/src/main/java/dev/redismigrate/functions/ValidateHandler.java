package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.core.usecase.cloud.TaskRef;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.functions.workflow.StepHandler;
import dev.redismigrate.functions.workflow.ValidationOutcome;
import java.util.List;

/**
 * The Validate step, once the scheduled time has come: SCHEDULED becomes VALIDATING, and the validation catalogue runs
 * again ({@link StartTask}); the task ends SYNCING, or VALIDATION_FAILED with nothing touched. An execution started
 * by hand for a VALIDATED task (the console) presses start first, as the create-task function and the CLI do. A
 * resumed task ({@code ResumeCloudTask}) is SYNCING already and is not validated again: its target holds the migrated
 * data and the checkpoint by design, which validation would refuse (the local {@code resume} does the same).
 */
public final class ValidateHandler extends StepHandler<TaskRef, ValidationOutcome> {
    /**
     * RunSync's items: one sync of the whole source, whatever it is. A cluster source's shards all run in that one
     * container ({@code ShardedSyncRunner}) until a container can run one shard alone (docs/workflow.md, "Cluster
     * sources"); then this lists the source's primaries, one container each.
     */
    private static final List<SyncShard> SYNCS = List.of(SyncShard.WHOLE);

    private final TaskStore store;
    private final StartTask startTask;

    public ValidateHandler() {
        this(CloudServices.instance());
    }

    public ValidateHandler(CloudServices services) {
        super(TaskRef.class);
        this.store = services.store();
        this.startTask = services.startTask();
    }

    @Override
    protected ValidationOutcome handle(TaskRef input) {
        String taskId = input.taskId();
        TaskStatus status = store.resolve(taskId).status();
        if (status == TaskStatus.SYNCING) {
            return new ValidationOutcome(true, 0, 0, SYNCS);
        }
        if (status == TaskStatus.VALIDATED) {
            startTask.press(taskId);
        }
        startTask.timeReached(taskId);
        ValidationReport report = startTask.validateAgain(taskId).lastValidation();
        return new ValidationOutcome(!report.hasErrors(), report.count(CheckLevel.ERROR), report.count(CheckLevel.WARNING),
                report.hasErrors() ? List.of() : SYNCS);
    }
}
