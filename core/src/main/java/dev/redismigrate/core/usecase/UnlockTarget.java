package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;

/**
 * Puts the target's users back as they were, removes the migration user, then gives up the task's claim on the
 * target. The record leaves the task only once the target is unlocked, and the claim only after that, so a failed
 * unlock can simply be run again (and keeps other tasks off the still locked target); unlocking an unlocked task only
 * releases a claim it may still hold (a lock that failed between claim and record, a target without ACL).
 */
public final class UnlockTarget {
    private final TaskStore store;
    private final TargetLock targetLock;
    private final TargetClaim claims;
    private final Clock clock;

    public UnlockTarget(TaskStore store, TargetLock targetLock, TargetClaim claims, Clock clock) {
        this.store = store;
        this.targetLock = targetLock;
        this.claims = claims;
        this.clock = clock;
    }

    public void unlock(String taskId) {
        MigrationTask task = StoredTasks.load(store, taskId);
        if (task.lock() != null) {
            targetLock.unlock(task.target(), task.lock());
            store.update(taskId, t -> t.withLock(null, clock.instant()));
        }
        claims.release(task.target().endpoint().address(), taskId);
    }
}
