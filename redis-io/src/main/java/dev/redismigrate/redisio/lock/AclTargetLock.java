package dev.redismigrate.redisio.lock;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.lock.AclDialect;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.lock.AclUser;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.ServerVersion;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
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
 * the previous password (a process thought dead cannot keep writing).
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
        return connections.call(ROLE, target.endpoint(), redis -> {
            if (dialect(redis, target) == null) {
                return null;
            }
            List<String> rules = command(target, "read the ACL users of", () -> redis.aclList());
            for (String line : rules) {
                String user = AclUser.parse(line).name();
                if (AclLockPlan.isMigrationUser(user)) {
                    throw new TargetLockException(target.endpoint().display() + " is locked by another migration (ACL user "
                            + user + "); finish, cancel or unlock that task first");
                }
            }
            return new AclLockRecord(AclLockPlan.migrationUser(taskId), rules, clock.instant());
        });
    }

    @Override
    public Grant lock(TargetSpec target, LockRecord record) {
        if (record == null) {
            return new Grant(null, target.endpoint());
        }
        AclLockRecord acl = LockRecords.as(AclLockRecord.class, record);
        return connections.call(ROLE, target.endpoint(), redis -> {
            AclDialect dialect = requireDialect(redis, target);
            String password = replaceMigrationUser(redis, target, record, dialect);
            Set<String> present = new HashSet<>(command(target, "list the ACL users of", () -> redis.aclUsers()));
            String operator = operator(target.endpoint());
            for (String line : acl.savedAclRules()) {
                AclUser user = AclUser.parse(line);
                // A user deleted since prepare stays deleted until unlock, which recreates it as it was.
                if (present.contains(user.name())) {
                    setUser(redis, target, user.name(), AclLockPlan.lockRules(dialect, user, user.name().equals(operator)));
                }
            }
            return MigrationCredentials.grant(target.endpoint(), record, password);
        });
    }

    @Override
    public Grant regrant(TargetSpec target, LockRecord record) {
        if (record == null) {
            return new Grant(null, target.endpoint());
        }
        return connections.call(ROLE, target.endpoint(), redis -> MigrationCredentials.grant(target.endpoint(), record,
                replaceMigrationUser(redis, target, record, requireDialect(redis, target))));
    }

    @Override
    public void unlock(TargetSpec target, LockRecord record) {
        if (record == null) {
            return;
        }
        AclLockRecord acl = LockRecords.as(AclLockRecord.class, record);
        connections.call(ROLE, target.endpoint(), redis -> {
            AclDialect dialect = requireDialect(redis, target);
            for (String line : acl.savedAclRules()) {
                AclUser saved = AclUser.parse(line);
                setUser(redis, target, saved.name(), AclLockPlan.restoreRules(dialect, saved));
            }
            command(target, "delete the migration user on", () -> redis.aclDelUser(record.migrationUser()));
            verifyRestored(redis, target, acl);
            return null;
        });
    }

    /** The restore is exact or it says so: each saved line must be printed again as it was. */
    private static void verifyRestored(Jedis redis, TargetSpec target, AclLockRecord record) {
        List<String> now = command(target, "read the ACL users of", () -> redis.aclList());
        List<String> differing = record.savedAclRules().stream().filter(line -> !now.contains(line))
                .map(line -> AclUser.parse(line).name()).toList();
        if (!differing.isEmpty()) {
            throw new TargetLockException("unlocked " + target.endpoint().display() + ", but the ACL rules of "
                    + String.join(", ", differing) + " differ from those saved before the lock;"
                    + " compare ACL LIST with the task's lock record");
        }
    }

    private static String replaceMigrationUser(Jedis redis, TargetSpec target, LockRecord record, AclDialect dialect) {
        String password = MigrationCredentials.newPassword();
        command(target, "replace the migration user on", () -> redis.aclDelUser(record.migrationUser()));
        setUser(redis, target, record.migrationUser(), AclLockPlan.migrationUserRules(dialect, password));
        return password;
    }

    private static String operator(RedisEndpoint endpoint) {
        return endpoint.username() == null ? DEFAULT_USER : endpoint.username();
    }

    private static AclDialect dialect(Jedis redis, TargetSpec target) {
        ServerVersion version = command(target, "read the version of", () -> ServerVersion.of(redis));
        return AclDialect.of(version.major(), version.minor());
    }

    private static AclDialect requireDialect(Jedis redis, TargetSpec target) {
        AclDialect dialect = dialect(redis, target);
        if (dialect == null) {
            throw new TargetLockException(target.endpoint().display() + " has no ACL (Redis before 6.0), yet the task"
                    + " holds a lock record for it; was the target replaced?");
        }
        return dialect;
    }

    private static void setUser(Jedis redis, TargetSpec target, String user, List<String> rules) {
        command(target, "change ACL user " + user + " on", () -> redis.aclSetUser(user, rules.toArray(String[]::new)));
    }

    /** A refused ACL command becomes one line; the server may echo a rule, so passwords and hashes are masked. */
    private static <T> T command(TargetSpec target, String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisDataException e) {
            throw new TargetLockException("cannot " + action + " " + target.endpoint().display() + ": "
                    + masked(e.getMessage()), e);
        }
    }

    private static String masked(String serverMessage) {
        return serverMessage == null ? "" : serverMessage.replaceAll(">\\S+", ">***").replaceAll("#[0-9a-fA-F]{64}", "#***");
    }
}
