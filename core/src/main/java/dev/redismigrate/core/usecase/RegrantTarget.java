package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.port.TargetLocks;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskStore;

/**
 * A fresh credential for the migration user, for a process that takes over a running migration (the migration
 * user's password lives only in the memory of the process that locked). The task is not changed.
 */
public final class RegrantTarget {
    private final TaskStore store;
    private final TargetLocks locks;

    public RegrantTarget(TaskStore store, TargetLocks locks) {
        this.store = store;
        this.locks = locks;
    }

    public TargetLock.Grant regrant(String taskId) {
        return regrant(taskId, SyncShard.WHOLE);
    }

    /**
     * A credential for one of the task's syncs (a shard's container: that shard's own user), leaving the other syncs'
     * credentials alone.
     */
    public TargetLock.Grant regrant(String taskId, SyncShard sync) {
        MigrationTask task = StoredTasks.load(store, taskId);
        if (task.lock() == null) {
            return new TargetLock.Grant(null, task.target().endpoint());
        }
        return locks.forStrategy(task.lock().strategy()).regrant(task.target(), task.lock(), sync);
    }
}
