package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ManagedTarget;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.lock.SyncUsers;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Side;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code target.no-other-migration}: the lock refuses a target that holds another migration's user (ACL on a node,
 * or a user of an ElastiCache user group), which a task that crashed before it unlocked leaves behind; said here,
 * before anything changes, rather than at the Lock step. The users of the task being validated (again) are its own.
 */
public final class OtherMigrationUsers {
    private static final Check CHECK = Check.TARGET_NO_OTHER_MIGRATION;

    private OtherMigrationUsers() {
    }

    public static CheckResult check(MigrationTask task, InstanceFacts target, ManagedTarget managed) {
        if (managed != null) {
            return managed(task, managed);
        }
        var skipped = Prerequisite.unusable(CHECK, Side.TARGET, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        return EveryPrimary.judge(CHECK, target, node -> node(task, node));
    }

    private static CheckResult node(MigrationTask task, InstanceFacts node) {
        if (node.migrationUsers() == null) {
            return CHECK.skipped("not checked: this user may not list the target's ACL users (ACL USERS)");
        }
        List<String> others = others(task, node.migrationUsers());
        if (others.isEmpty()) {
            return CHECK.pass("No ACL user of another migration on the target.");
        }
        return CHECK.error("The target holds " + users(others) + ". The lock refuses a target holding another"
                + " migration's user, so this migration would stop at its Lock step. " + remedy(others, "remove the user"
                + (others.size() == 1 ? "" : "s") + " with ACL DELUSER " + String.join(" ", others)
                + " on every node holding it"));
    }

    private static CheckResult managed(MigrationTask task, ManagedTarget managed) {
        if (managed.group().authMode() != ReplicationGroup.AuthMode.RBAC) {
            return CHECK.pass("Replication group " + managed.group().id() + " has no users (no RBAC user group).");
        }
        if (managed.userGroup() == null) {
            return CHECK.skipped("not checked: the user group could not be read (see target.lockable)");
        }
        String userGroup = managed.userGroup().userGroupId();
        List<String> others = others(task, managed.groupUsers().stream().map(CacheUser::userId)
                .filter(AclLockPlan::isMigrationUser).toList());
        if (others.isEmpty()) {
            return CHECK.pass("No user of another migration in user group " + userGroup + ".");
        }
        return CHECK.error("User group " + userGroup + " holds " + users(others) + ". The lock refuses a user group"
                + " holding another migration's user, so this migration would stop at its Lock step. "
                + remedy(others, "remove the user" + (others.size() == 1 ? "" : "s") + " from user group " + userGroup
                + " and delete " + (others.size() == 1 ? "it" : "them")));
    }

    /** The migration users that are not the task's own (its migration user and its shards' users). */
    private static List<String> others(MigrationTask task, List<String> migrationUsers) {
        String own = AclLockPlan.migrationUser(task.id());
        return migrationUsers.stream().filter(user -> !SyncUsers.isTaskUser(own, user)).toList();
    }

    private static String users(List<String> users) {
        return (users.size() == 1 ? "user " : "users ") + String.join(", ", users) + " of migration task"
                + (tasks(users).size() == 1 ? " " : "s ") + String.join(", ", tasks(users))
                + ", left by a task that crashed before it unlocked the target, or still running";
    }

    private static String remedy(List<String> users, String removal) {
        List<String> tasks = tasks(users);
        String id = tasks.size() == 1 ? tasks.get(0) : "ID";
        return (tasks.size() == 1 ? "If that task is over, unlock it" : "If those tasks are over, unlock each")
                + " (redis-migrate unlock " + id + "; in the cloud redis-migrate task unlock " + id + "), or, if it no"
                + " longer exists, " + removal + "; then validate again.";
    }

    private static List<String> tasks(List<String> users) {
        return users.stream().map(AclLockPlan::taskOf).distinct().collect(Collectors.toList());
    }
}
