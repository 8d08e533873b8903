package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.core.usecase.cloud.TaskRef;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.functions.workflow.StepHandler;
import dev.redismigrate.functions.workflow.ValidationOutcome;

/**
 * The Validate step, once the scheduled time has come: SCHEDULED becomes VALIDATING, and the validation catalogue runs
 * again ({@link StartTask}); the task ends SYNCING, or VALIDATION_FAILED with nothing touched. An execution started
 * by hand for a VALIDATED task (the console) presses start first, as the create-task function and the CLI do. A
 * resumed task ({@code ResumeCloudTask}) is SYNCING already and is not validated again: its target holds the migrated
 * data and the checkpoint by design, which validation would refuse (the local {@code resume} does the same).
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

    @Override
    protected ValidationOutcome handle(TaskRef input) {
        String taskId = input.taskId();
        TaskStatus status = store.resolve(taskId).status();
        if (status == TaskStatus.SYNCING) {
            return new ValidationOutcome(true, 0, 0);
        }
        if (status == TaskStatus.VALIDATED) {
            startTask.press(taskId);
        }
        startTask.timeReached(taskId);
        ValidationReport report = startTask.validateAgain(taskId).lastValidation();
        return new ValidationOutcome(!report.hasErrors(), report.count(CheckLevel.ERROR), report.count(CheckLevel.WARNING));
    }
}
