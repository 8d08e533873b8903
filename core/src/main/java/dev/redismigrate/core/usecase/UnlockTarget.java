package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;

/**
 * Puts the target's users back as they were and removes the migration user. The record leaves the task only once
 * the target is unlocked, so a failed unlock can simply be run again; unlocking an unlocked task does nothing.
 */
public final class UnlockTarget {
    private final TaskStore store;
    private final TargetLock targetLock;
    private final Clock clock;

    public UnlockTarget(TaskStore store, TargetLock targetLock, Clock clock) {
        this.store = store;
        this.targetLock = targetLock;
        this.clock = clock;
    }

    public void unlock(String taskId) {
        MigrationTask task = StoredTasks.load(store, taskId);
        if (task.lock() == null) {
            return;
        }
        targetLock.unlock(task.target(), task.lock());
        store.update(taskId, t -> t.withLock(null, clock.instant()));
    }
}
