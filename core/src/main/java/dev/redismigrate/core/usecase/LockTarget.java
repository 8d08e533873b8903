package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;

/**
 * Locks the task's target. The users' rules are read and stored in the task before any of them changes, so that a
 * crash at any point leaves a record {@link UnlockTarget} can undo. Locking a task that already holds a record (a
 * retry) locks again from that record: reading the rules again could capture them half locked.
 */
public final class LockTarget {
    private final TaskStore store;
    private final TargetLock targetLock;
    private final Clock clock;

    public LockTarget(TaskStore store, TargetLock targetLock, Clock clock) {
        this.store = store;
        this.targetLock = targetLock;
        this.clock = clock;
    }

    /** The credential our writer uses while the target is locked ({@code record == null}: nothing could be locked). */
    public TargetLock.Grant lock(String taskId) {
        MigrationTask task = StoredTasks.load(store, taskId);
        LockRecord record = task.lock();
        if (record == null) {
            LockRecord prepared = targetLock.prepare(task.target(), taskId);
            if (prepared != null) {
                // Another process may have stored its record first; lock with whichever the task keeps.
                record = store.update(taskId, t -> t.lock() != null ? t : t.withLock(prepared, clock.instant())).lock();
            }
        }
        return targetLock.lock(task.target(), record);
    }
}
