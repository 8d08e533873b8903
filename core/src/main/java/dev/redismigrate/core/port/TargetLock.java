package dev.redismigrate.core.port;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;

/**
 * Keeps every other writer off the target while the migration runs. On Redis 6+ (ACL): a dedicated migration user
 * for our own writes, {@code @write} (and other mutating categories) removed from every other user, and on unlock
 * each user's rules put back exactly as they were. On older targets nothing can be locked (validation warned).
 *
 * <p>Locking is two steps so that the record is stored before anything changes: {@link #prepare} only reads, the
 * caller stores its record in the task, then {@link #lock} changes the rules. A crash between any two steps leaves
 * either nothing changed or a stored record that {@link #unlock} can undo.
 */
public interface TargetLock {
    /** What our writer connects as while the target is locked. */
    record Grant(LockRecord record, RedisEndpoint writer) {
    }

    /**
     * Reads every user's rules and names the migration user; changes nothing. Null when the target has no ACL
     * (before 6.0). Fails when another migration holds the target.
     */
    LockRecord prepare(TargetSpec target, String taskId);

    /**
     * Locks the target as the stored record describes and returns a fresh credential for the migration user.
     * Idempotent: calling it again (a retry after a crash) locks again with the same record. Returns
     * {@code Grant(null, target endpoint)} when the record is null (nothing can be locked).
     */
    Grant lock(TargetSpec target, LockRecord record);

    /**
     * For a process that takes over a locked target (resume): a fresh credential for the existing migration user,
     * rules unchanged. Returns {@code Grant(null, target endpoint)} when the record is null (nothing was locked).
     */
    default Grant regrant(TargetSpec target, LockRecord record) {
        return regrant(target, record, SyncShard.WHOLE);
    }

    /**
     * {@link #regrant} for one of the task's syncs. {@link SyncShard#WHOLE}: the migration user. A shard of a cluster
     * source: a credential of that shard's own (a lock with users: a user of its own, made on first use, with the
     * migration user's rights and a fresh password at each regrant), so that regranting one shard's container cuts
     * off only that shard's earlier container, never the other shards'. A lock without users (the fence) hands every
     * sync the task's own credential. Changes nothing else; unlock removes every credential of the task.
     */
    Grant regrant(TargetSpec target, LockRecord record, SyncShard sync);

    /**
     * Puts every user's rules back and removes the migration user and every shard's user. Idempotent: unlocking twice
     * is harmless.
     */
    void unlock(TargetSpec target, LockRecord record);
}
