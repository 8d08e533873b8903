package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.usecase.cloud.EditCloudTask;
import dev.redismigrate.core.usecase.cloud.EditTaskRequest;
import dev.redismigrate.core.usecase.cloud.EditedTask;
import dev.redismigrate.functions.workflow.StepHandler;

/** Edits a task that has not started and validates it again from inside the VPC ({@link EditCloudTask}). */
public final class EditTaskHandler extends StepHandler<EditTaskRequest, EditedTask> {
    private final EditCloudTask editTask;

    public EditTaskHandler() {
        this(CloudServices.instance());
    }

    public EditTaskHandler(CloudServices services) {
        super(EditTaskRequest.class);
        this.editTask = services.editCloudTask();
    }

    @Override
    protected EditedTask handle(EditTaskRequest input) {
        return editTask.edit(input);
    }
}
