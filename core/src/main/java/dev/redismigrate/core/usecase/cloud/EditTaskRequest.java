package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.TaskEdit;

/**
 * The edit-task function's input: which task (id or unique name) and what changes. Passwords are references only,
 * Secrets Manager ARNs under the stack's prefix (anything else is refused before the edit is stored).
 */
public record EditTaskRequest(String taskId, TaskEdit edit) {
}
