package dev.redismigrate.core.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ACL SETUSER} rules that lock a target and put it back. Pure: the Redis adapter only sends them.
 *
 * <p>Locking appends rules to each existing user, so that what the user could do before, minus writing, stays as it
 * was; unlocking clears a user to a blank state and replays the rules {@code ACL LIST} printed before the lock, which
 * gives back the same {@code ACL LIST} line (the tests prove it byte for byte on 6.2, 7.0, 8.0 and Valkey 8.1).
 */
public final class AclLockPlan {
    private static final String MIGRATION_USER_PREFIX = "redis-migrate-";

    /**
     * Commands outside {@code @write} that can still change or replace the data, or lift the lock: replication from
     * another master replaces the dataset, DEBUG can reload or populate it, a module can write anything, CONFIG SET
     * can make the server evict keys, ACL can undo the lock. Whole categories such as {@code @admin} or
     * {@code @dangerous} are not removed: on 6.2 they also take CLIENT SETNAME, INFO and KEYS, which well-behaved
     * clients use only to connect and observe.
     */
    private static final List<String> DENIED_BESIDES_WRITE = List.of("-replicaof", "-slaveof", "-debug", "-module",
            "-config", "-acl");

    private AclLockPlan() {
    }

    /** The dedicated user our writes go through while the target is locked. */
    public static String migrationUser(String taskId) {
        return MIGRATION_USER_PREFIX + taskId;
    }

    /** True for a user some migration created: its presence means the target is locked already. */
    public static boolean isMigrationUser(String name) {
        return name.startsWith(MIGRATION_USER_PREFIX);
    }

    /**
     * The task a migration user was created for: {@code redis-migrate-<task>}, or a shard's
     * {@code redis-migrate-<task>-<shard>} ({@link SyncUsers}); task ids hold no hyphen.
     */
    public static String taskOf(String migrationUser) {
        String rest = migrationUser.substring(MIGRATION_USER_PREFIX.length());
        int hyphen = rest.indexOf('-');
        return hyphen < 0 ? rest : rest.substring(0, hyphen);
    }

    /**
     * Our writer's rules, from a blank user: every key, channel and command. Payload sanitising is skipped because
     * the RESTOREd payloads come from the source's own snapshot, and checking each one would slow the copy.
     */
    public static List<String> migrationUserRules(AclDialect dialect, String password) {
        List<String> rules = new ArrayList<>(List.of("reset", "on"));
        if (dialect.hasChannels()) {
            rules.add("skip-sanitize-payload");
        }
        rules.add(">" + password);
        rules.add("allkeys");
        if (dialect.hasChannels()) {
            rules.add("allchannels");
        }
        rules.add("allcommands");
        return rules;
    }

    /**
     * Our writer's access string on ElastiCache ({@code elasticache-rbac}), where users are made through the API
     * (which sets the password apart): every key, channel (6.2+) and command.
     */
    public static String migrationAccessString(AclDialect dialect) {
        return dialect.hasChannels() ? "on ~* &* +@all" : "on ~* +@all";
    }

    /**
     * Rules appended to an existing user. Every user loses {@code @write}; selectors go too (Redis 7 allows a command
     * when the root or any selector allows it). The operator (the user the task connects as) keeps everything else
     * and is given ACL explicitly, so the same credential can always unlock; every other user also loses
     * {@link #DENIED_BESIDES_WRITE}.
     */
    public static List<String> lockRules(AclDialect dialect, AclUser user, boolean operator) {
        List<String> rules = new ArrayList<>(List.of("-@write"));
        if (!operator) {
            rules.addAll(DENIED_BESIDES_WRITE);
            if (dialect.hasChannels()) {
                rules.add("-failover");
            }
        }
        if (user.hasSelectors()) {
            rules.add("clearselectors");
        }
        if (operator) {
            rules.add("+acl");
        }
        return rules;
    }

    /**
     * A blank user followed by the saved rules. {@code reset} is not used because it also sets the
     * {@code sanitize-payload} flag, which {@code ACL LIST} would then print for users that never had it; the lock
     * never touches that flag, so leaving it alone keeps it as it was.
     */
    public static List<String> restoreRules(AclDialect dialect, AclUser saved) {
        List<String> rules = new ArrayList<>(List.of("resetpass", "resetkeys"));
        if (dialect.hasChannels()) {
            rules.add("resetchannels");
        }
        if (dialect.hasSelectors()) {
            rules.add("clearselectors");
        }
        rules.add("off");
        rules.add("-@all");
        rules.addAll(saved.rules());
        return rules;
    }
}
