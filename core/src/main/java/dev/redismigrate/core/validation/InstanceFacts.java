package dev.redismigrate.core.validation;

import dev.redismigrate.core.progress.DbKeyCount;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the probe learned about one Redis, with no judgement: the validation catalogue turns facts into results.
 * Unknown values are null (a renamed CONFIG, a denied command, a server too old to tell). When
 * {@code reachability} is not {@link Reachability#REACHABLE}, only {@code problem} (and possibly
 * {@code passwordRequired}) carry information.
 *
 * @param problem what went wrong, one line without secrets (null when reachable)
 * @param passwordRequired an unauthenticated client is refused ({@code NOAUTH}): the instance has a password
 * @param replication the source's permission to replicate; null for a target
 * @param modules modules loaded with loadmodule or MODULE LOAD, by name; not those built into the server (Redis 8's
 *                vectorset), whose types are data types of that version; null when they could not be listed
 * @param dataTypes data types on the source a target may not hold; null for a target
 * @param cluster whether the instance is a Redis Cluster node; null when unknown
 * @param migrationUsers the ACL users on a target that some migration created ({@code redis-migrate-<task>}, and
 *                       {@code redis-migrate-<task>-<shard>}: {@link dev.redismigrate.core.lock.AclLockPlan#isMigrationUser});
 *                       empty before Redis 6 (no ACL); null for a source, a managed target (its users are the cloud
 *                       API's) or when {@code ACL USERS} was refused
 */
public record InstanceFacts(
        Reachability reachability,
        String problem,
        boolean passwordRequired,
        ServerVersion version,
        String runId,
        Role role,
        boolean loading,
        Memory memory,
        Integer databases,
        Map<Integer, DbKeyCount> keyspace,
        List<String> modules,
        AclSupport acl,
        SyncAccess replication,
        DataTypes dataTypes,
        ClusterMode cluster,
        List<String> migrationUsers) {

    public InstanceFacts {
        keyspace = keyspace == null ? Map.of() : Map.copyOf(keyspace);
        modules = modules == null ? null : List.copyOf(modules);
        migrationUsers = migrationUsers == null ? null : List.copyOf(migrationUsers);
    }

    /** Nothing could be learned beyond the failure itself. */
    public static InstanceFacts unusable(Reachability reachability, String problem, boolean passwordRequired) {
        return new InstanceFacts(reachability, problem, passwordRequired, null, null, null, false, null, null, null,
                null, null, null, null, null, null);
    }

    public boolean usable() {
        return reachability == Reachability.REACHABLE;
    }

    /** Whether this is a Redis Cluster node (false when it did not say). */
    public boolean isClusterNode() {
        return cluster != null && cluster.enabled();
    }

    /** The facts of each primary of a cluster target, by {@code host:port}; empty for anything else. */
    public Map<String, InstanceFacts> clusterPrimaries() {
        return usable() && cluster != null ? cluster.nodes() : Map.of();
    }

    /** The highest database number holding at least one key. */
    public OptionalInt highestDbInUse() {
        return keyspace.entrySet().stream().filter(e -> e.getValue().keys() > 0)
                .mapToInt(Map.Entry::getKey).max();
    }

    /**
     * Master or replica. {@code master} is {@code host:port} of a replica's master; {@code linkUp} says a replica is
     * connected to it; {@code readOnly} is {@code replica-read-only}.
     */
    public record Role(boolean replica, String master, boolean linkUp, boolean readOnly) {
        public static Role primary() {
            return new Role(false, null, false, false);
        }
    }

    /** {@code used_memory}, {@code maxmemory} (0 = no limit) and {@code maxmemory-policy}; each null when unknown. */
    public record Memory(Long used, Long max, String policy) {
    }

    /** Whether the ACL subsystem can be used to lock this instance. */
    public enum AclSupport {
        /** Redis before 6.0: no ACL at all. */
        NONE,
        /** Redis 6+ and this user may manage ACL users. */
        AVAILABLE,
        /** Redis 6+ but this user may not manage ACL users. */
        DENIED
    }

    /** What the server would answer to one replication command from this user. */
    public enum CommandAccess {
        ALLOWED,
        /** Refused by an ACL rule (Redis 6+). */
        DENIED,
        /** Unknown to the server: renamed or disabled with {@code rename-command}. */
        RENAMED,
        /** Could not be determined (e.g. Redis 7 where this user may not run {@code ACL DRYRUN}). */
        UNKNOWN
    }

    /** PSYNC and SYNC for the connecting user; {@code user} is the ACL user name (null before Redis 6). */
    public record SyncAccess(CommandAccess psync, CommandAccess sync, String user) {
    }

    /**
     * Data types only newer targets can hold. Streams (Redis 5.0+) and vector sets (8.0+) are found by a SCAN bounded
     * in time, which may stop before the end ({@code typeScanComplete == false}); hashes with field TTLs (7.4+) are
     * counted exactly by the {@code subexpiry} field of {@code INFO keyspace}.
     */
    public record DataTypes(boolean streamsFound, boolean vectorSetsFound, boolean typeScanComplete,
                            long hashesWithFieldTtl) {
    }

    /**
     * Whether the instance is a Redis Cluster node ({@code cluster_enabled:1}) and, for a cluster node, its
     * {@code cluster_state} and how many primaries serve its slots; each null when the node does not say (its
     * {@code CLUSTER} commands denied, or not every slot served).
     *
     * @param nodes for a cluster target whose every slot is served: the facts of each primary by {@code host:port}, in
     *              slot order, each probed with the target's credentials (the migration writes to each of them, so
     *              each must be empty, new enough and lockable); empty otherwise
     * @param slots for the same primaries, the slot ranges each serves by {@code host:port}, in slot order
     *              ({@code 0-5460}, or {@code 0-5460,10923}); empty when the nodes were not followed
     */
    public record ClusterMode(boolean enabled, String state, Integer primaries, Map<String, InstanceFacts> nodes,
                              Map<String, String> slots) {
        public static final ClusterMode STANDALONE = new ClusterMode(false, null, null);

        public ClusterMode {
            nodes = nodes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
            slots = slots == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        }

        /** A node as it describes itself, before its peers are probed. */
        public ClusterMode(boolean enabled, String state, Integer primaries) {
            this(enabled, state, primaries, Map.of(), Map.of());
        }
    }
}
