package dev.redismigrate.core.lock;

import dev.redismigrate.core.task.SyncShard;
import java.util.regex.Pattern;

/**
 * The user each of a task's syncs writes as while the target is locked: the migration user for the whole source, and
 * for a shard of a cluster source a user of its own, {@code <migration user>-<shard id>} (e.g.
 * {@code redis-migrate-k3xq7m2p9c4a-0-5460}), so that a new credential for one shard cuts off only that shard's
 * earlier container. The name is derived, never stored: unlock finds a task's shard users by it, whatever crashed
 * when, and since it begins with the migration user it is a migration user to {@link AclLockPlan#isMigrationUser}
 * (another task's lock refuses a target that holds one).
 *
 * <p>One name serves as an ACL user name and as an ElastiCache user id and user name, so it keeps to the strictest of
 * their rules, ElastiCache's user id: a letter first, then letters, digits and single hyphens, no hyphen at the end,
 * 40 characters at most, lower case (the service stores ids in lower case). A task's migration user (14 + 12
 * characters) with a shard id (at most {@code 10923-16383}, 11) makes 38.
 */
public final class SyncUsers {
    private static final Pattern SLOT_RANGE = Pattern.compile("[0-9]+(-[0-9]+)?");
    private static final Pattern USER_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int MAX_USER_ID_LENGTH = 40;

    private SyncUsers() {
    }

    /** The user {@code sync} writes as: {@code migrationUser} itself for the whole source. */
    public static String of(String migrationUser, SyncShard sync) {
        if (sync.whole()) {
            return migrationUser;
        }
        if (!SLOT_RANGE.matcher(sync.id()).matches()) {
            throw new IllegalArgumentException("shard id '" + sync.id() + "' is not a slot range such as 0-5460");
        }
        String user = migrationUser + "-" + sync.id();
        if (user.length() > MAX_USER_ID_LENGTH || !USER_ID.matcher(user).matches()) {
            throw new IllegalArgumentException("the user of shard " + sync.id() + " would be '" + user + "', which"
                    + " ElastiCache does not take as a user id (a letter, then lower-case letters, digits and single"
                    + " hyphens, at most " + MAX_USER_ID_LENGTH + " characters)");
        }
        return user;
    }

    /** True for a shard's user of the migration user {@code migrationUser} (not for the migration user itself). */
    public static boolean isShardUser(String migrationUser, String name) {
        String prefix = migrationUser + "-";
        return name.startsWith(prefix) && SLOT_RANGE.matcher(name.substring(prefix.length())).matches();
    }

    /** True for the migration user and every shard's user: what unlock removes. */
    public static boolean isTaskUser(String migrationUser, String name) {
        return name.equals(migrationUser) || isShardUser(migrationUser, name);
    }
}
