package dev.redismigrate.core.elasticache;

import java.util.List;

/**
 * What the cloud knows about a target named by instance id, for choosing how to lock it: the replication group, its
 * user group and that group's users (RBAC only; otherwise null and empty), and whether this installation has a fence
 * security group for the {@code network-fence} lock.
 */
public record ManagedTarget(ReplicationGroup group, UserGroup userGroup, List<CacheUser> groupUsers,
                            boolean fenceAvailable) {
    public ManagedTarget {
        groupUsers = List.copyOf(groupUsers);
    }
}
