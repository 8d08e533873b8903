package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;

/** Stores a new task and validates it at once: it ends VALIDATED or VALIDATION_FAILED, with its report. */
public final class CreateTask {
    private final TaskStore store;
    private final TaskValidator validator;
    private final Clock clock;

    public CreateTask(TaskStore store, TaskValidator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    public MigrationTask create(NewTask request) {
        MigrationTask stored = store.create(MigrationTask.create(request.name(), request.source(), request.target(),
                request.scheduledStart(), request.parameters(), clock.instant()));
        ValidationReport report = validator.validate(stored);
        TaskStatus outcome = report.hasErrors() ? TaskStatus.VALIDATION_FAILED : TaskStatus.VALIDATED;
        return store.update(stored.id(), t -> t.withValidation(report, clock.instant()).moveTo(outcome, clock.instant()));
    }
}
