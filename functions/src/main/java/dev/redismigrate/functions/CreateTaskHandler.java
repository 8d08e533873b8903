package dev.redismigrate.functions;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.CreateTask;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.functions.execution.MigrationStarts;
import dev.redismigrate.functions.workflow.CreateTaskRequest;
import dev.redismigrate.functions.workflow.CreatedTask;
import dev.redismigrate.functions.workflow.StepHandler;

/**
 * Creates a task and validates it at once ({@link CreateTask}); when it passes (and the request does not say
 * {@code "start": false}), presses start ({@link StartTask#press}) and starts its execution {@code mig-<taskId>}: now,
 * waiting for a scheduled time within a week, or through a one-time EventBridge schedule further ahead.
 */
public final class CreateTaskHandler extends StepHandler<CreateTaskRequest, CreatedTask> {
    private final CreateTask createTask;
    private final StartTask startTask;
    private final MigrationStarts starts;

    public CreateTaskHandler() {
        this(CloudServices.instance());
    }

    public CreateTaskHandler(CloudServices services) {
        super(CreateTaskRequest.class);
        this.createTask = services.createTask();
        this.startTask = services.startTask();
        this.starts = services.starts();
    }

    @Override
    protected CreatedTask handle(CreateTaskRequest input) {
        MigrationTask task = createTask.create(input.newTask());
        if (task.status() != TaskStatus.VALIDATED || !input.startWhenValid()) {
            return new CreatedTask(task.id(), task.name(), task.status(), task.lastValidation(), null, null, false);
        }
        MigrationTask pressed = startTask.press(task.id());
        MigrationStarts.Started started = starts.start(pressed);
        return new CreatedTask(pressed.id(), pressed.name(), pressed.status(), pressed.lastValidation(),
                started.executionName(), started.at(), started.scheduled());
    }
}
