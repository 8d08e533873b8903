package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;

/**
 * A person's "Finish" or "Cancel". The running sync sees the desired state on its progress loop and does the work;
 * a task that has not started yet is cancelled here at once (nothing to undo).
 */
public final class RequestStop {
    private final TaskStore store;
    private final Clock clock;

    public RequestStop(TaskStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @param force finish even if verification still finds differences (recorded in the task) */
    public MigrationTask finish(String idOrName, boolean force) {
        MigrationTask task = store.resolve(idOrName);
        if (task.status() != TaskStatus.SYNCING && task.status() != TaskStatus.FINISHING) {
            throw new TaskStateException("task " + task.id() + " is " + task.status()
                    + "; only a syncing task can be finished");
        }
        return store.update(task.id(), t -> t.withDesired(DesiredState.FINISH, force, clock.instant()));
    }

    public MigrationTask cancel(String idOrName) {
        MigrationTask task = store.resolve(idOrName);
        if (task.status().isFinal()) {
            throw new TaskStateException("task " + task.id() + " is already " + task.status());
        }
        return store.update(task.id(), t -> {
            MigrationTask asked = t.withDesired(DesiredState.CANCEL, false, clock.instant());
            boolean nothingRunning = t.status().isEditable();
            return nothingRunning ? asked.moveTo(TaskStatus.CANCELLED, clock.instant()) : asked;
        });
    }
}
