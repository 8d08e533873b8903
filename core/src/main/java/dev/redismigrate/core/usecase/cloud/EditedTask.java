package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.validation.ValidationReport;

/** What the edit-task function returns: the task, VALIDATED or VALIDATION_FAILED and not started, with its new report. */
public record EditedTask(String taskId, String name, TaskStatus status, ValidationReport validation) {
}
