package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.usecase.cloud.CreateAndStartTask;
import dev.redismigrate.core.usecase.cloud.CreateTaskRequest;
import dev.redismigrate.core.usecase.cloud.CreatedTask;
import dev.redismigrate.functions.workflow.StepHandler;

/** Creates a task, validates it, and starts (or schedules) its execution when it passes ({@link CreateAndStartTask}). */
public final class CreateTaskHandler extends StepHandler<CreateTaskRequest, CreatedTask> {
    private final CreateAndStartTask createAndStart;

    public CreateTaskHandler() {
        this(CloudServices.instance());
    }

    public CreateTaskHandler(CloudServices services) {
        super(CreateTaskRequest.class);
        this.createAndStart = services.createAndStartTask();
    }

    @Override
    protected CreatedTask handle(CreateTaskRequest input) {
        return createAndStart.create(input);
    }
}
