package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.PendingStarts;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskEdit;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;

/**
 * "Edit task": new settings for a task that has not started. The edit is stored first (CREATED, validation cleared),
 * so that a waiting start that still fires finds a task it cannot run; then a scheduled task's pending start is
 * withdrawn, and the task is validated again at once, like a new one: it ends VALIDATED or VALIDATION_FAILED with
 * its report, and not started (a scheduled task must be started again, with the new settings).
 */
public final class EditTask {
    private final TaskStore store;
    private final TaskValidator validator;
    private final PendingStarts pendingStarts;
    private final Clock clock;

    public EditTask(TaskStore store, TaskValidator validator, PendingStarts pendingStarts, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.pendingStarts = pendingStarts;
        this.clock = clock;
    }

    /** @throws dev.redismigrate.core.task.TaskStateException when the task has started (or ended) */
    public MigrationTask edit(String idOrName, TaskEdit edit) {
        MigrationTask before = store.resolve(idOrName);
        MigrationTask edited = store.update(before.id(), t -> t.edit(edit, clock.instant()));
        if (before.status() == TaskStatus.SCHEDULED) {
            pendingStarts.withdraw(before);
        }
        ValidationReport report = validator.validate(edited);
        TaskStatus outcome = report.hasErrors() ? TaskStatus.VALIDATION_FAILED : TaskStatus.VALIDATED;
        return store.update(edited.id(), t -> t.withValidation(report, clock.instant()).moveTo(outcome, clock.instant()));
    }
}
