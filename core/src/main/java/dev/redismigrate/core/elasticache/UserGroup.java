package dev.redismigrate.core.elasticache;

import java.util.List;

/**
 * One ElastiCache user group (DescribeUserGroups).
 *
 * @param status {@code active}, {@code modifying}, {@code creating}, {@code deleting}
 * @param replicationGroups the replication groups that use it
 */
public record UserGroup(String userGroupId, String status, List<String> userIds, List<String> replicationGroups) {
    public UserGroup {
        userIds = List.copyOf(userIds);
        replicationGroups = List.copyOf(replicationGroups);
    }

    public boolean active() {
        return "active".equals(status);
    }
}
