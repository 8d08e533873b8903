package dev.redismigrate.core.task;

import java.time.Instant;
import java.util.List;

/**
 * What locking the target changed, kept in the task so that any process (or a janitor after a crash) can undo it:
 * the dedicated user our writes go through, and every other user's ACL rules exactly as {@code ACL LIST} printed them
 * before (rules carry password hashes, never clear passwords).
 */
public record LockRecord(String migrationUser, List<String> savedAclRules, Instant lockedAt) {
    public LockRecord {
        savedAclRules = List.copyOf(savedAclRules);
    }
}
