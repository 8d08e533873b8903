package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;

/**
 * "Start now" / "scheduled start" and the validation that runs again at start. {@link #press} moves a VALIDATED
 * task to SCHEDULED (time ahead) or VALIDATING (no time, or a time already past); {@link #validateAgain} runs the
 * catalogue and moves VALIDATING to SYNCING, or to VALIDATION_FAILED without touching anything.
 */
public final class StartTask {
    private final TaskStore store;
    private final TaskValidator validator;
    private final Clock clock;

    public StartTask(TaskStore store, TaskValidator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    public MigrationTask press(String taskId) {
        return store.update(taskId, t -> t.start(clock.instant()));
    }

    /** The scheduled time has come (or there was none): SCHEDULED becomes VALIDATING; other states are left alone. */
    public MigrationTask timeReached(String taskId) {
        return store.update(taskId, t -> t.status() == TaskStatus.SCHEDULED ? t.moveTo(TaskStatus.VALIDATING, clock.instant()) : t);
    }

    public MigrationTask validateAgain(String taskId) {
        MigrationTask task = store.find(taskId).orElseThrow();
        ValidationReport report = validator.validate(task);
        TaskStatus next = report.hasErrors() ? TaskStatus.VALIDATION_FAILED : TaskStatus.SYNCING;
        return store.update(taskId, t -> t.withValidation(report, clock.instant()).moveTo(next, clock.instant()));
    }
}
