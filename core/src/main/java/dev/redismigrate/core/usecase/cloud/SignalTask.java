package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.RequestStop;

/**
 * A person's finish or cancel in the cloud, for the signal function and {@code redis-migrate task finish|cancel}: the
 * desired state goes on the task ({@link RequestStop}), where the sync sees it on its progress loop. A task that had
 * not started is cancelled at once; its waiting execution (or its schedule) is then stopped so that it does not wake up.
 */
public final class SignalTask {
    private final RequestStop requestStop;
    private final MigrationStarts starts;

    public SignalTask(RequestStop requestStop, MigrationStarts starts) {
        this.requestStop = requestStop;
        this.starts = starts;
    }

    public SignalResult signal(SignalRequest request) {
        if (request.action() == null) {
            throw new IllegalArgumentException("\"action\" must be FINISH or CANCEL");
        }
        MigrationTask task = switch (request.action()) {
            case FINISH -> requestStop.finish(request.taskId(), request.force());
            case CANCEL -> cancel(request.taskId());
        };
        return new SignalResult(task.id(), task.name(), task.status(), task.desired());
    }

    private MigrationTask cancel(String idOrName) {
        MigrationTask task = requestStop.cancel(idOrName);
        if (task.status() == TaskStatus.CANCELLED) {
            starts.stop(task, "task " + task.id() + " was cancelled before it started");
        }
        return task;
    }
}
