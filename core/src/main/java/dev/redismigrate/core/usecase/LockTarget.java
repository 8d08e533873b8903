package dev.redismigrate.core.usecase;

import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.port.TargetLocks;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;

/**
 * Claims the task's target ("one task per target", {@link TargetClaim}, keyed on the target's identity) and locks it
 * with the strategy validation chose. The undo record is stored in the task before anything changes, so that a crash
 * at any point leaves a record {@link UnlockTarget} can undo. Locking a task that already holds a record (a retry)
 * locks again from that record: reading the target again could capture it half locked.
 */
public final class LockTarget {
    private final TaskStore store;
    private final TargetLocks locks;
    private final TargetClaim claims;
    private final Clock clock;

    public LockTarget(TaskStore store, TargetLocks locks, TargetClaim claims, Clock clock) {
        this.store = store;
        this.locks = locks;
        this.claims = claims;
        this.clock = clock;
    }

    /**
     * The credential our writer uses while the target is locked ({@code record == null}: the task runs with the
     * {@code none} strategy, accepted at validation). Throws {@link dev.redismigrate.core.port.TargetClaimedException}
     * before touching anything when another task holds the target.
     */
    public TargetLock.Grant lock(String taskId) {
        MigrationTask task = StoredTasks.load(store, taskId);
        claims.claim(task.targetIdentity(), taskId);
        LockRecord record = task.lock();
        if (record == null) {
            LockStrategy strategy = task.lockStrategy();
            if (strategy == LockStrategy.NONE) {
                return new TargetLock.Grant(null, task.target().endpoint());
            }
            LockRecord prepared = locks.forStrategy(strategy).prepare(task.target(), taskId);
            if (prepared == null) {
                return new TargetLock.Grant(null, task.target().endpoint());
            }
            // Another process may have stored its record first; lock with whichever the task keeps.
            record = store.update(taskId, t -> t.lock() != null ? t : t.withLock(prepared, clock.instant())).lock();
        }
        return locks.forStrategy(record.strategy()).lock(task.target(), record);
    }
}
