package dev.redismigrate.core.task;

import dev.redismigrate.core.lock.LockStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The {@link LockStrategy#ELASTICACHE_RBAC} lock: the migration user created in the replication group's user group,
 * and every other user of that group with its access string as it was before (put back exactly at unlock).
 *
 * @param migrationUserId the ElastiCache user id of the migration user (its user name is {@code migrationUser})
 */
public record RbacLockRecord(String replicationGroupId, String userGroupId, String migrationUserId,
                             String migrationUser, List<SavedAccess> savedUsers, Instant lockedAt) implements LockRecord {
    public RbacLockRecord {
        savedUsers = List.copyOf(savedUsers);
    }

    /** One user of the group as it was before the lock. */
    public record SavedAccess(String userId, String userName, String accessString) {
    }

    @Override
    public LockStrategy strategy() {
        return LockStrategy.ELASTICACHE_RBAC;
    }
}
