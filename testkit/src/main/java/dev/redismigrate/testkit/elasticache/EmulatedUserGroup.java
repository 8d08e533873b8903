package dev.redismigrate.testkit.elasticache;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One ElastiCache user group: its users' ids and the replication groups that use it. */
final class EmulatedUserGroup {
    final String userGroupId;
    final Set<String> userIds;
    final Set<String> replicationGroupIds = new LinkedHashSet<>();
    final Settling settling;

    EmulatedUserGroup(String userGroupId, List<String> userIds, Duration settle) {
        this.userGroupId = userGroupId;
        this.userIds = new LinkedHashSet<>(userIds);
        this.settling = new Settling(settle);
    }

    String status() {
        return settling.busy() ? "modifying" : "active";
    }
}
