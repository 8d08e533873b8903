package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.validation.ValidationReport;

/** Runs the validation catalogue for a task (at creation and again at start). */
public interface TaskValidator {
    ValidationReport validate(MigrationTask task);
}
