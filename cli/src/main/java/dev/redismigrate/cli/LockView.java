package dev.redismigrate.cli;

import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.FenceLockRecord;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.RbacLockRecord;
import dev.redismigrate.core.validation.ValidationReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A task's target lock in words, for {@code status}, {@code list}, {@code task status} and {@code unlock}: the strategy
 * in force, what its unlock puts back, and, when the last unlock failed, that the target is still locked and how to
 * retry.
 */
final class LockView {
    /** The retry of a failed unlock: local mode. */
    static final String LOCAL_UNLOCK = "redis-migrate unlock";
    /** The retry of a failed unlock: cloud mode. */
    static final String CLOUD_UNLOCK = "redis-migrate task unlock";
    /** A cluster source's shards write as users of their own in the cloud (SyncUsers); unlock removes them. */
    private static final String SHARD_USERS = ", with its shards' users if any";

    private LockView() {
    }

    /** "acl since ... (writer user ...)", "none (accepted ...)", or null before validation chose a strategy. */
    static String inForce(MigrationTask t) {
        LockRecord record = t.lock();
        if (record != null) {
            return record.strategy().id() + " since " + record.lockedAt()
                    + (record.migrationUser() == null ? "" : " (writer user " + record.migrationUser() + ")");
        }
        ValidationReport validation = t.lastValidation();
        if (validation == null || validation.lockStrategy() == null) {
            return null;
        }
        LockStrategy strategy = validation.lockStrategy();
        if (strategy == LockStrategy.NONE) {
            return t.target().allowUnlocked()
                    ? "none (accepted with --allow-unlocked-target): " + strategy.userSees()
                    : "none: the target cannot be locked (see target.lockable)";
        }
        return strategy.id() + (t.status().isFinal() ? ", unlocked" : " (planned: locked when the migration starts)");
    }

    /** The warning for a target left locked by a failed unlock, or null when it is not. */
    static String stillLocked(MigrationTask t, String unlockCommand) {
        if (t.unlockFailure() == null) {
            return null;
        }
        return "target STILL LOCKED: " + t.unlockFailure() + "; run `" + unlockCommand + " " + t.id() + "`";
    }

    /** A short word for the task table: the strategy, or STILL-LOCKED. */
    static String column(MigrationTask t) {
        if (t.unlockFailure() != null) {
            return "STILL-LOCKED";
        }
        if (t.lock() != null) {
            return t.lock().strategy().id();
        }
        ValidationReport validation = t.lastValidation();
        return validation == null || validation.lockStrategy() != LockStrategy.NONE ? "-" : "none";
    }

    /** What unlocking the record puts back, one line per change, for the person who ran {@code unlock}. */
    static List<String> undone(LockRecord record) {
        if (record instanceof AclLockRecord acl && acl.cluster()) {
            return List.of("ACL rules put back as they were on each of " + acl.savedAclRulesByNode().size()
                    + " cluster nodes (" + String.join(", ", acl.savedAclRulesByNode().keySet()) + ")",
                    "migration user " + acl.migrationUser() + " deleted on each" + SHARD_USERS);
        }
        if (record instanceof AclLockRecord acl) {
            return List.of("ACL rules of " + acl.savedAclRules().size() + " user(s) put back as they were",
                    "migration user " + acl.migrationUser() + " deleted" + SHARD_USERS);
        }
        if (record instanceof RbacLockRecord rbac) {
            return List.of("access strings of " + rbac.savedUsers().stream().map(RbacLockRecord.SavedAccess::userId)
                            .collect(Collectors.joining(", ")) + " put back in user group " + rbac.userGroupId(),
                    "migration user " + rbac.migrationUserId() + " removed from the group and deleted"
                            + SHARD_USERS);
        }
        FenceLockRecord fence = (FenceLockRecord) record; // the interface is sealed: the last kind
        return List.of("security groups " + String.join(", ", fence.savedSecurityGroupIds()) + " of replication group "
                + fence.replicationGroupId() + " put back (fence " + String.join(", ", fence.fenceSecurityGroupIds())
                + " removed)");
    }
}
