package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.task.MigrationTask;
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
 * data and the checkpoint by design, which validation would refuse (the local {@code resume} does the same); it runs
 * the syncs its last validation listed, so every shard resumes from its own checkpoint.
 */
public final class ValidateHandler extends StepHandler<TaskRef, ValidationOutcome> {
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

    /** RunSync's items are the task's syncs ({@link MigrationTask#syncs}): one per primary of a cluster source. */
    @Override
    protected ValidationOutcome handle(TaskRef input) {
        String taskId = input.taskId();
        MigrationTask task = store.resolve(taskId);
        if (task.status() == TaskStatus.SYNCING) {
            return new ValidationOutcome(true, 0, 0, task.syncs());
        }
        if (task.status() == TaskStatus.VALIDATED) {
            startTask.press(taskId);
        }
        startTask.timeReached(taskId);
        MigrationTask validated = startTask.validateAgain(taskId);
        ValidationReport report = validated.lastValidation();
        return new ValidationOutcome(!report.hasErrors(), report.count(CheckLevel.ERROR), report.count(CheckLevel.WARNING),
                report.hasErrors() ? List.of() : validated.syncs());
    }
}
