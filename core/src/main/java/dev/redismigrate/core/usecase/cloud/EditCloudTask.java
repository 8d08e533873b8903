package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.usecase.EditTask;

/**
 * "Edit task" in the cloud, for the edit-task function and {@code redis-migrate task edit}: {@link EditTask} with the
 * cloud's pending starts (a scheduled task's waiting execution or EventBridge schedule is stopped, so the old settings
 * never run). A password reference the cloud does not read is refused before anything changes.
 */
public final class EditCloudTask {
    private final EditTask editTask;
    private final SecretResolver secrets;

    public EditCloudTask(EditTask editTask, SecretResolver secrets) {
        this.editTask = editTask;
        this.secrets = secrets;
    }

    /** @throws dev.redismigrate.core.endpoint.SecretRefusedException for a password reference the cloud does not read */
    public EditedTask edit(EditTaskRequest request) {
        if (request.taskId() == null || request.edit() == null) {
            throw new IllegalArgumentException("an edit needs \"taskId\" and \"edit\" (the fields to change)");
        }
        request.edit().passwords().forEach(secrets::requireAccepted);
        MigrationTask task = editTask.edit(request.taskId(), request.edit());
        return new EditedTask(task.id(), task.name(), task.status(), task.lastValidation());
    }
}
