package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.CreateTask;
import dev.redismigrate.core.usecase.NewTask;
import dev.redismigrate.core.usecase.StartTask;
import java.util.function.Function;

/**
 * "Create task" in the cloud, for the create-task function and {@code redis-migrate task create}: the task is stored and
 * validated at once ({@link CreateTask}); when it passes (and the request does not say {@code "start": false}), start
 * is pressed ({@link StartTask#press}) and its execution {@code mig-<taskId>} started ({@link MigrationStarts}): now,
 * waiting for a scheduled time within a week, or through a one-time EventBridge schedule further ahead. A target named
 * only by instance id gets its endpoint from the cloud first ({@code cloud.TargetByInstanceId}). A password reference
 * this installation does not read ({@code env:} or {@code file:} in the cloud) is refused before anything is stored.
 */
public final class CreateAndStartTask {
    private final CreateTask createTask;
    private final StartTask startTask;
    private final MigrationStarts starts;
    private final Function<String, RedisEndpoint> primaryEndpointOf;
    private final SecretResolver secrets;

    public CreateAndStartTask(CreateTask createTask, StartTask startTask, MigrationStarts starts,
                              Function<String, RedisEndpoint> primaryEndpointOf, SecretResolver secrets) {
        this.createTask = createTask;
        this.startTask = startTask;
        this.starts = starts;
        this.primaryEndpointOf = primaryEndpointOf;
        this.secrets = secrets;
    }

    /** @throws dev.redismigrate.core.endpoint.SecretRefusedException for a password reference the cloud does not read */
    public CreatedTask create(CreateTaskRequest request) {
        NewTask newTask = request.newTask(primaryEndpointOf);
        secrets.requireAccepted(newTask.source().endpoint().password());
        secrets.requireAccepted(newTask.target().endpoint().password());
        MigrationTask task = createTask.create(newTask);
        if (task.status() != TaskStatus.VALIDATED || !request.startWhenValid()) {
            return new CreatedTask(task.id(), task.name(), task.status(), task.lastValidation(), null, null, false);
        }
        MigrationTask pressed = startTask.press(task.id());
        MigrationStarts.Started started = starts.start(pressed);
        return new CreatedTask(pressed.id(), pressed.name(), pressed.status(), pressed.lastValidation(),
                started.executionName(), started.at(), started.scheduled());
    }
}
