package dev.redismigrate.core.task;

import dev.redismigrate.core.lock.LockStrategy;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link LockStrategy#ACL} lock: the dedicated user our writes go through, and every other user's ACL rules
 * exactly as {@code ACL LIST} printed them before (rules carry password hashes, never clear passwords).
 *
 * <p>A Redis Cluster keeps ACL users per node, so a cluster target is locked node by node: {@code savedAclRulesByNode}
 * holds each node's rules by {@code host:port} (primaries and replicas), and {@code savedAclRules} is empty. For one
 * server the map is empty; records stored before clusters were supported have none and read as one server.
 */
public record AclLockRecord(String migrationUser, List<String> savedAclRules, Instant lockedAt,
                            Map<String, List<String>> savedAclRulesByNode) implements LockRecord {
    public AclLockRecord {
        savedAclRules = List.copyOf(savedAclRules);
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        if (savedAclRulesByNode != null) {
            savedAclRulesByNode.forEach((node, rules) -> byNode.put(node, List.copyOf(rules)));
        }
        savedAclRulesByNode = Collections.unmodifiableMap(byNode);
    }

    /** The lock of one server. */
    public AclLockRecord(String migrationUser, List<String> savedAclRules, Instant lockedAt) {
        this(migrationUser, savedAclRules, lockedAt, Map.of());
    }

    @Override
    public LockStrategy strategy() {
        return LockStrategy.ACL;
    }

    /** Whether the lock is on every node of a Redis Cluster. */
    public boolean cluster() {
        return !savedAclRulesByNode.isEmpty();
    }
}
