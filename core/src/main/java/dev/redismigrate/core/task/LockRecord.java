package dev.redismigrate.core.task;

import dev.redismigrate.core.lock.LockStrategy;
import java.time.Instant;

/**
 * What locking the target changed, kept in the task before anything changes so that any process (or a janitor after
 * a crash) can undo it. One kind per {@link LockStrategy} that changes something; {@link LockStrategy#NONE} keeps no
 * record.
 */
public sealed interface LockRecord permits AclLockRecord, RbacLockRecord, FenceLockRecord {
    LockStrategy strategy();

    Instant lockedAt();

    /** The identity our writes go through while locked (a user name), or null when we write as the task's user. */
    String migrationUser();
}
