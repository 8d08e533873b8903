package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Instant;

/**
 * What the create-task function returns: the task's id and status (VALIDATION_FAILED, VALIDATED when not started,
 * SCHEDULED or VALIDATING when started), its validation report, and, once started, the execution's name, when it
 * starts and whether an EventBridge schedule starts it.
 */
public record CreatedTask(String taskId, String name, TaskStatus status, ValidationReport validation,
                          String executionName, Instant startsAt, boolean scheduled) {
}
