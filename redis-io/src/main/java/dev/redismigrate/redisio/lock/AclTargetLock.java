package dev.redismigrate.redisio.lock;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.lock.AclDialect;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.lock.AclUser;
import dev.redismigrate.core.lock.SyncUsers;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.RedisUnavailableException;
import dev.redismigrate.redisio.ServerVersion;
import dev.redismigrate.redisio.cluster.ClusterDetection;
import dev.redismigrate.redisio.cluster.ClusterMembers;
import dev.redismigrate.redisio.cluster.ClusterNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The target lock with Redis ACL (6.0+), following {@link AclLockPlan}. ACL changes apply at once to connections
 * already open, so a client connected before the lock is refused too.
 *
 * <p>The migration user's password is made anew by every {@link #lock} and {@link #regrant} (see
 * {@link MigrationCredentials}). Both first delete the migration user, which closes the connections of whoever held
 * the previous password (a process thought dead cannot keep writing). A shard of a cluster source writes as a user of
 * its own ({@link SyncUsers}) with the migration user's rules, replaced the same way by each regrant for that shard,
 * so the other shards' writers keep theirs; unlock deletes every one of them.
 *
 * <p>A Redis Cluster keeps ACL users per node (nothing propagates them), so a cluster target is locked on every node
 * {@code CLUSTER NODES} lists at prepare time, primaries and replicas: a replica promoted by a failover during the
 * migration is then locked already, and the migration user (one password on every node) can write to it. Each node's
 * rules are recorded and put back on that node.
 *
 * <p>Changes live in the server's memory only (no {@code ACL SAVE}, no {@code CONFIG REWRITE}): a target restarted
 * mid-migration loads its own ACL file or configuration again, unlocked.
 */
public final class AclTargetLock implements TargetLock {
    private static final String ROLE = "target";
    private static final String DEFAULT_USER = "default";

    private final RedisConnections connections;
    private final Clock clock;

    public AclTargetLock(RedisConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public LockRecord prepare(TargetSpec target, String taskId) {
        RedisEndpoint given = target.endpoint();
        List<RedisEndpoint> members = connections.call(ROLE, given, redis -> {
            if (dialect(redis, given) == null) {
                return null;
            }
            if (!ClusterDetection.read(redis, given.host()).cluster()) {
                return List.of();
            }
            return ClusterMembers.read(redis, given.host()).stream().map(node -> node.reachedAs(given)).toList();
        });
        String migrationUser = AclLockPlan.migrationUser(taskId);
        if (members == null) {
            return null;
        }
        if (members.isEmpty()) {
            return new AclLockRecord(migrationUser, savedRules(given), clock.instant());
        }
        // every node is read before anything changes: one that cannot be read fails the lock with nothing changed
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        for (RedisEndpoint node : members) {
            byNode.put(node.address(), savedRules(node));
        }
        return new AclLockRecord(migrationUser, List.of(), clock.instant(), byNode);
    }

    /** {@code ACL LIST} of one node, refused when another migration's user is there. */
    private List<String> savedRules(RedisEndpoint node) {
        return connections.call(ROLE, node, redis -> {
            requireDialect(redis, node);
            List<String> rules = command(node, "read the ACL users of", () -> redis.aclList());
            for (String line : rules) {
                String user = AclUser.parse(line).name();
                if (AclLockPlan.isMigrationUser(user)) {
                    throw new TargetLockException(node.display() + " is locked by another migration (ACL user "
                            + user + "); finish, cancel or unlock that task first");
                }
            }
            return rules;
        });
    }

    @Override
    public Grant lock(TargetSpec target, LockRecord record) {
        if (record == null) {
            return new Grant(null, target.endpoint());
        }
        AclLockRecord acl = LockRecords.as(AclLockRecord.class, record);
        String password = MigrationCredentials.newPassword();
        String operator = operator(target.endpoint());
        nodes(target, acl).forEach((node, savedRules) -> connections.call(ROLE, node, redis -> {
            AclDialect dialect = requireDialect(redis, node);
            replaceUser(redis, node, record.migrationUser(), dialect, password);
            Set<String> present = new HashSet<>(command(node, "list the ACL users of", () -> redis.aclUsers()));
            for (String line : savedRules) {
                AclUser user = AclUser.parse(line);
                // A user deleted since prepare stays deleted until unlock, which recreates it as it was.
                if (present.contains(user.name())) {
                    setUser(redis, node, user.name(), AclLockPlan.lockRules(dialect, user, user.name().equals(operator)));
                }
            }
            return null;
        }));
        return MigrationCredentials.grant(target.endpoint(), record, record.migrationUser(), password);
    }

    /** The sync's user made anew on every node the record locks, with one new password. */
    @Override
    public Grant regrant(TargetSpec target, LockRecord record, SyncShard sync) {
        if (record == null) {
            return new Grant(null, target.endpoint());
        }
        AclLockRecord acl = LockRecords.as(AclLockRecord.class, record);
        String user = SyncUsers.of(record.migrationUser(), sync);
        String password = MigrationCredentials.newPassword();
        nodes(target, acl).keySet().forEach(node -> connections.call(ROLE, node, redis -> {
            replaceUser(redis, node, user, requireDialect(redis, node), password);
            return null;
        }));
        return MigrationCredentials.grant(target.endpoint(), record, user, password);
    }

    /**
     * Puts each node's rules back and deletes the migration user and every shard's user there. On a cluster every
     * node is tried even when one fails (a node down for a moment), and the failures are reported together, so a retry
     * has only those left to do.
     */
    @Override
    public void unlock(TargetSpec target, LockRecord record) {
        if (record == null) {
            return;
        }
        AclLockRecord acl = LockRecords.as(AclLockRecord.class, record);
        List<String> failures = new ArrayList<>();
        RuntimeException cause = null;
        for (Map.Entry<RedisEndpoint, List<String>> node : nodes(target, acl).entrySet()) {
            try {
                unlockNode(node.getKey(), record.migrationUser(), node.getValue());
            } catch (TargetLockException | RedisUnavailableException e) {
                if (!acl.cluster()) {
                    throw e;
                }
                failures.add(e.getMessage());
                cause = e;
            }
        }
        if (!failures.isEmpty()) {
            throw new TargetLockException("unlocked " + (acl.savedAclRulesByNode().size() - failures.size()) + " of "
                    + acl.savedAclRulesByNode().size() + " cluster nodes; " + String.join("; ", failures), cause);
        }
    }

    private void unlockNode(RedisEndpoint node, String migrationUser, List<String> savedRules) {
        connections.call(ROLE, node, redis -> {
            AclDialect dialect = requireDialect(redis, node);
            for (String line : savedRules) {
                AclUser saved = AclUser.parse(line);
                setUser(redis, node, saved.name(), AclLockPlan.restoreRules(dialect, saved));
            }
            command(node, "delete the migration user on", () -> redis.aclDelUser(migrationUser));
            deleteShardUsers(redis, node, migrationUser);
            verifyRestored(redis, node, savedRules);
            return null;
        });
    }

    /** Each node the record locks, with its saved rules: the target itself, or every node of a cluster. */
    private static Map<RedisEndpoint, List<String>> nodes(TargetSpec target, AclLockRecord record) {
        Map<RedisEndpoint, List<String>> nodes = new LinkedHashMap<>();
        if (!record.cluster()) {
            nodes.put(target.endpoint(), record.savedAclRules());
            return nodes;
        }
        record.savedAclRulesByNode().forEach((address, rules) -> {
            int colon = address.lastIndexOf(':');
            nodes.put(new ClusterNode(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                    .reachedAs(target.endpoint()), rules);
        });
        return nodes;
    }

    /** The restore is exact or it says so: each saved line must be printed again as it was. */
    private static void verifyRestored(Jedis redis, RedisEndpoint node, List<String> savedRules) {
        List<String> now = command(node, "read the ACL users of", () -> redis.aclList());
        List<String> differing = savedRules.stream().filter(line -> !now.contains(line))
                .map(line -> AclUser.parse(line).name()).toList();
        if (!differing.isEmpty()) {
            throw new TargetLockException("unlocked " + node.display() + ", but the ACL rules of "
                    + String.join(", ", differing) + " differ from those saved before the lock;"
                    + " compare ACL LIST with the task's lock record");
        }
    }

    /** Deleting first closes the connections of whoever held the user's previous password. */
    private static void replaceUser(Jedis redis, RedisEndpoint node, String user, AclDialect dialect,
                                    String password) {
        command(node, "replace the migration user " + user + " on", () -> redis.aclDelUser(user));
        setUser(redis, node, user, AclLockPlan.migrationUserRules(dialect, password));
    }

    /** Every shard's user of the task there is on the node, whichever regrants made them (none for a whole source). */
    private static void deleteShardUsers(Jedis redis, RedisEndpoint node, String migrationUser) {
        List<String> shardUsers = command(node, "list the ACL users of", () -> redis.aclUsers()).stream()
                .filter(user -> SyncUsers.isShardUser(migrationUser, user)).toList();
        for (String user : shardUsers) {
            command(node, "delete the migration user " + user + " on", () -> redis.aclDelUser(user));
        }
    }

    private static String operator(RedisEndpoint endpoint) {
        return endpoint.username() == null ? DEFAULT_USER : endpoint.username();
    }

    private static AclDialect dialect(Jedis redis, RedisEndpoint node) {
        ServerVersion version = command(node, "read the version of", () -> ServerVersion.of(redis));
        return AclDialect.of(version.major(), version.minor());
    }

    private static AclDialect requireDialect(Jedis redis, RedisEndpoint node) {
        AclDialect dialect = dialect(redis, node);
        if (dialect == null) {
            throw new TargetLockException(node.display() + " has no ACL (Redis before 6.0), yet the task"
                    + " holds a lock record for it; was the target replaced?");
        }
        return dialect;
    }

    private static void setUser(Jedis redis, RedisEndpoint node, String user, List<String> rules) {
        command(node, "change ACL user " + user + " on", () -> redis.aclSetUser(user, rules.toArray(String[]::new)));
    }

    /** A refused ACL command becomes one line; the server may echo a rule, so passwords and hashes are masked. */
    private static <T> T command(RedisEndpoint node, String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisDataException e) {
            throw new TargetLockException("cannot " + action + " " + node.display() + ": "
                    + masked(e.getMessage()), e);
        }
    }

    private static String masked(String serverMessage) {
        return serverMessage == null ? "" : serverMessage.replaceAll(">\\S+", ">***").replaceAll("#[0-9a-fA-F]{64}", "#***");
    }
}
