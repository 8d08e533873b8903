package dev.redismigrate.core.task;

import dev.redismigrate.core.lock.LockStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The {@link LockStrategy#ACL} lock: the dedicated user our writes go through, and every other user's ACL rules
 * exactly as {@code ACL LIST} printed them before (rules carry password hashes, never clear passwords).
 */
public record AclLockRecord(String migrationUser, List<String> savedAclRules, Instant lockedAt) implements LockRecord {
    public AclLockRecord {
        savedAclRules = List.copyOf(savedAclRules);
    }

    @Override
    public LockStrategy strategy() {
        return LockStrategy.ACL;
    }
}
