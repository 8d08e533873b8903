package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.port.TargetLocks;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;

/**
 * Undoes the lock the task's record describes, with the adapter that made it, then gives up the task's claim on the
 * target. Every attempt is retried with backoff (unlock is idempotent). The record leaves the task only once the
 * target is unlocked, and the claim only after that: when unlock keeps failing, the task keeps its record and its
 * claim (other tasks stay off the still locked target), records the cause, and this use case can simply be run again
 * ({@code redis-migrate unlock TASK}). Unlocking an unlocked task only releases a claim it may still hold.
 */
public final class UnlockTarget {
    private final TaskStore store;
    private final TargetLocks locks;
    private final TargetClaim claims;
    private final Retry retry;
    private final Clock clock;

    public UnlockTarget(TaskStore store, TargetLocks locks, TargetClaim claims, Retry retry, Clock clock) {
        this.store = store;
        this.locks = locks;
        this.claims = claims;
        this.retry = retry;
        this.clock = clock;
    }

    public void unlock(String taskId) {
        MigrationTask task = StoredTasks.load(store, taskId);
        if (task.lock() != null) {
            try {
                retry.run(e -> true, () -> locks.forStrategy(task.lock().strategy()).unlock(task.target(), task.lock()));
            } catch (RuntimeException e) {
                String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                store.update(taskId, t -> t.withUnlockFailure(cause, clock.instant()));
                throw e;
            }
            store.update(taskId, t -> t.withLock(null, clock.instant()).withUnlockFailure(null, clock.instant()));
        }
        claims.release(task.targetIdentity(), taskId);
    }
}
