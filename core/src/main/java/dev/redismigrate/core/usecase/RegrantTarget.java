package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;

/**
 * A fresh credential for the migration user, for a process that takes over a running migration (the migration
 * user's password lives only in the memory of the process that locked). The task is not changed.
 */
public final class RegrantTarget {
    private final TaskStore store;
    private final TargetLock targetLock;

    public RegrantTarget(TaskStore store, TargetLock targetLock) {
        this.store = store;
        this.targetLock = targetLock;
    }

    public TargetLock.Grant regrant(String taskId) {
        MigrationTask task = StoredTasks.load(store, taskId);
        return targetLock.regrant(task.target(), task.lock());
    }
}
