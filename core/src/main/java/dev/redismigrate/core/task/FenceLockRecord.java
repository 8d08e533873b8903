package dev.redismigrate.core.task;

import dev.redismigrate.core.lock.LockStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The {@link LockStrategy#NETWORK_FENCE} lock: the replication group's security groups before the lock (put back at
 * unlock) and the fence group that replaced them. Our writes go through the task's own credentials.
 */
public record FenceLockRecord(String replicationGroupId, List<String> savedSecurityGroupIds,
                              List<String> fenceSecurityGroupIds, Instant lockedAt) implements LockRecord {
    public FenceLockRecord {
        savedSecurityGroupIds = List.copyOf(savedSecurityGroupIds);
        fenceSecurityGroupIds = List.copyOf(fenceSecurityGroupIds);
    }

    @Override
    public LockStrategy strategy() {
        return LockStrategy.NETWORK_FENCE;
    }

    @Override
    public String migrationUser() {
        return null;
    }
}
