package dev.redismigrate.functions;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.functions.execution.MigrationStarts;
import dev.redismigrate.functions.workflow.SignalRequest;
import dev.redismigrate.functions.workflow.SignalResult;
import dev.redismigrate.functions.workflow.StepHandler;

/**
 * A person's finish or cancel ({@link RequestStop}): the desired state goes on the task, where the sync sees it on its
 * progress loop. A task that had not started is cancelled at once; its waiting execution (or its schedule) is then
 * stopped so that it does not wake up.
 */
public final class SignalHandler extends StepHandler<SignalRequest, SignalResult> {
    private final RequestStop requestStop;
    private final MigrationStarts starts;

    public SignalHandler() {
        this(CloudServices.instance());
    }

    public SignalHandler(CloudServices services) {
        super(SignalRequest.class);
        this.requestStop = services.requestStop();
        this.starts = services.starts();
    }

    @Override
    protected SignalResult handle(SignalRequest input) {
        if (input.action() == null) {
            throw new IllegalArgumentException("\"action\" must be FINISH or CANCEL");
        }
        MigrationTask task = switch (input.action()) {
            case FINISH -> requestStop.finish(input.taskId(), input.force());
            case CANCEL -> cancel(input.taskId());
        };
        return new SignalResult(task.id(), task.name(), task.status(), task.desired());
    }

    private MigrationTask cancel(String idOrName) {
        MigrationTask task = requestStop.cancel(idOrName);
        if (task.status() == TaskStatus.CANCELLED) {
            starts.stop(task.id(), "task " + task.id() + " was cancelled before it started");
        }
        return task;
    }
}
