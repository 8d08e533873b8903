package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.usecase.cloud.SignalRequest;
import dev.redismigrate.core.usecase.cloud.SignalResult;
import dev.redismigrate.core.usecase.cloud.SignalTask;
import dev.redismigrate.functions.workflow.StepHandler;

/** A person's finish or cancel ({@link SignalTask}): a desired state on the task; a task not yet started is cancelled at once. */
public final class SignalHandler extends StepHandler<SignalRequest, SignalResult> {
    private final SignalTask signalTask;

    public SignalHandler() {
        this(CloudServices.instance());
    }

    public SignalHandler(CloudServices services) {
        super(SignalRequest.class);
        this.signalTask = services.signalTask();
    }

    @Override
    protected SignalResult handle(SignalRequest input) {
        return signalTask.signal(input);
    }
}
