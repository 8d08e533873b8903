package dev.redismigrate.core.port;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.TargetSpec;

/**
 * Keeps every other writer off the target while the migration runs. On Redis 6+ (ACL): a dedicated migration user
 * for our own writes, {@code @write} (and other mutating categories) removed from every other user, and on unlock
 * each user's rules put back exactly as they were. On older targets nothing can be locked (validation warned).
 */
public interface TargetLock {
    /** What our writer connects as while the target is locked. */
    record Grant(LockRecord record, RedisEndpoint writer) {
    }

    /** Locks the target; the returned record must be stored in the task before anything else happens. */
    Grant lock(TargetSpec target, String taskId);

    /**
     * For a process that takes over a locked target (resume): a fresh credential for the existing migration user,
     * rules unchanged. Returns {@code Grant(null, target endpoint)} when the record is null (nothing was locked).
     */
    Grant regrant(TargetSpec target, LockRecord record);

    /** Puts every user's rules back and removes the migration user. Idempotent: unlocking twice is harmless. */
    void unlock(TargetSpec target, LockRecord record);
}
