package dev.redismigrate.core.elasticache;

import java.util.List;

/**
 * One ElastiCache user (DescribeUsers).
 *
 * @param status {@code active}, {@code modifying}, {@code deleting}
 * @param accessString the user's rules, e.g. {@code on ~* +@all} (never a password)
 * @param userGroupIds every user group the user belongs to
 */
public record CacheUser(String userId, String userName, String status, String accessString, List<String> userGroupIds,
                        String engine) {
    public CacheUser {
        userGroupIds = List.copyOf(userGroupIds);
    }

    public boolean active() {
        return "active".equals(status);
    }
}
