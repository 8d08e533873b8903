package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ManagedTarget;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.lock.ReadOnlyAccess;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Side;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code target.lockable}: picks how the target will be locked from facts, and says what will be done and what the
 * people using the target will notice. A managed target found by instance id is locked through the cloud API
 * ({@code elasticache-rbac} with a user group, {@code network-fence} with an AUTH token or no authentication); a
 * self-managed one with ACL when a throwaway user could really be created and removed. When nothing can lock the
 * target the strategy is {@code none}: an ERROR, unless the user accepted an unlocked target.
 */
public final class LockChecks {
    private static final String BUILT_IN_DEFAULT_USER_ID = "default";

    private LockChecks() {
    }

    /** The strategy (null when the target could not be examined) and the result that explains it. */
    public record LockDecision(LockStrategy strategy, CheckResult result) {
    }

    public static LockDecision decide(TargetSpec spec, InstanceFacts target, ManagedTarget managed) {
        Check check = Check.TARGET_LOCKABLE;
        if (managed != null) {
            return managed(spec, managed);
        }
        var skipped = Prerequisite.unusable(check, Side.TARGET, target);
        if (skipped.isPresent()) {
            return new LockDecision(null, skipped.get());
        }
        if (!target.clusterPrimaries().isEmpty()) {
            return cluster(spec, target);
        }
        return selfManaged(spec, target);
    }

    /**
     * ACL users are per node in Redis Cluster: the lock is tried and later applied on each node, so the cluster is
     * locked with acl only when every primary could be; otherwise it is not locked at all (a partly locked cluster
     * would let writes into the other primaries' slots).
     */
    private static LockDecision cluster(TargetSpec spec, InstanceFacts target) {
        Map<String, CheckResult> results = new LinkedHashMap<>();
        boolean everyPrimaryLockable = true;
        for (Map.Entry<String, InstanceFacts> primary : target.clusterPrimaries().entrySet()) {
            LockDecision decision = primary.getValue().usable() ? selfManaged(spec, primary.getValue())
                    : new LockDecision(null, Check.TARGET_LOCKABLE.skipped("not checked: primary " + primary.getKey()
                    + " could not be used (see target.topology)"));
            everyPrimaryLockable &= decision.strategy() == LockStrategy.ACL;
            results.put(primary.getKey(), decision.result());
        }
        CheckResult combined = EveryPrimary.combine(Check.TARGET_LOCKABLE, results);
        if (!everyPrimaryLockable) {
            return new LockDecision(LockStrategy.NONE, combined);
        }
        return new LockDecision(LockStrategy.ACL, new CheckResult(combined.id(), combined.level(), combined.message()
                + " ACL users are per node in Redis Cluster: the lock is applied on every node, primaries and"
                + " replicas, so that it holds after a failover too."));
    }

    private static LockDecision selfManaged(TargetSpec spec, InstanceFacts target) {
        Check check = Check.TARGET_LOCKABLE;
        if (target.acl() == null) {
            return unlocked(spec, "whether the target has ACL could not be determined",
                    "Check that the target answers INFO and ACL commands");
        }
        String hint = isElastiCacheHost(spec) ? ". This looks like an ElastiCache endpoint: name the target by its"
                + " replication group id (--target-instance-id) so that the migration can lock it through the"
                + " ElastiCache API" : "";
        // A managed service refuses ACL SETUSER to every user, whatever its host name looks like.
        String deniedHint = !hint.isEmpty() ? hint : ". If the target is an ElastiCache replication group (ElastiCache"
                + " refuses ACL SETUSER to every user), name it by its id (--target-instance-id) and migrate with the"
                + " deployed stack (redis-migrate task create), which locks it through the ElastiCache API";
        return switch (target.acl()) {
            case AVAILABLE -> new LockDecision(LockStrategy.ACL, check.pass("Strategy acl: a throwaway ACL user was"
                    + " created and removed on the target, so the migration can lock it: its own ACL user carries the"
                    + " writes and " + LockStrategy.ACL.userSees() + "; every user's rules are restored exactly."));
            case DENIED -> unlocked(spec, "the target refused to create an ACL user for this user (ACL SETUSER"
                    + " denied or restricted)", "Give the target user +@admin (or at least +acl)" + deniedHint);
            case NONE -> unlocked(spec, "the target runs Redis " + target.version() + ", which has no ACL",
                    "Use a target of Redis 6.0 or later" + hint);
        };
    }

    private static LockDecision managed(TargetSpec spec, ManagedTarget managed) {
        Check check = Check.TARGET_LOCKABLE;
        ReplicationGroup group = managed.group();
        if (group.authMode() == ReplicationGroup.AuthMode.RBAC) {
            if (managed.userGroup() == null) {
                return unlocked(spec, "replication group " + group.id() + " uses RBAC but its user group "
                        + String.join(", ", group.userGroupIds()) + " could not be read",
                        "Give the validating role elasticache:DescribeUserGroups and elasticache:DescribeUsers");
            }
            String userGroup = managed.userGroup().userGroupId();
            if (managed.groupUsers().stream().anyMatch(LockChecks::isEnabledBuiltInDefaultUser)) {
                return new LockDecision(LockStrategy.ELASTICACHE_RBAC, check.error("User group " + userGroup
                        + " holds ElastiCache's built-in user 'default', switched on. ElastiCache does not let it be"
                        + " modified, so it cannot be made read-only and any client could keep writing as it during"
                        + " the migration. Create a user of your own named default (e.g. access string"
                        + " 'off ~* +@all'), put it in the group in place of the built-in one, and validate again."));
            }
            List<CacheUser> shared = managed.groupUsers().stream()
                    .filter(user -> user.userGroupIds().stream().anyMatch(g -> !g.equals(userGroup))).toList();
            String plan = "Strategy elasticache-rbac: the migration creates its own user, adds it to user group "
                    + userGroup + " and makes its " + managed.groupUsers().size() + " other users ("
                    + names(managed.groupUsers()) + ") read-only with ModifyUser; " + LockStrategy.ELASTICACHE_RBAC.userSees()
                    + ". Every access string is put back exactly at the end.";
            if (shared.isEmpty()) {
                return new LockDecision(LockStrategy.ELASTICACHE_RBAC, check.pass(plan));
            }
            String sharing = shared.stream().map(user -> user.userId() + " (also in " + user.userGroupIds().stream()
                    .filter(g -> !g.equals(userGroup)).collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining(", "));
            if (spec.allowSharedUserLock()) {
                return new LockDecision(LockStrategy.ELASTICACHE_RBAC, check.warning(plan + " Users " + sharing
                        + " belong to other user groups too: ElastiCache users are shared, so they become read-only"
                        + " on those groups' caches as well until the end. You accepted this (--allow-shared-user-lock)."));
            }
            return new LockDecision(LockStrategy.ELASTICACHE_RBAC, check.error("Users " + sharing + " of user group "
                    + userGroup + " belong to other user groups too. Locking makes a user read-only everywhere it is"
                    + " used, so the caches of those groups would lose writes during the migration. Give the target a"
                    + " user group whose users are its own, or accept it with --allow-shared-user-lock."));
        }
        if (managed.fenceAvailable()) {
            return new LockDecision(LockStrategy.NETWORK_FENCE, check.pass("Strategy network-fence: replication group "
                    + group.id() + " authenticates " + (group.authMode() == ReplicationGroup.AuthMode.AUTH_TOKEN
                    ? "with one AUTH token" : "no one") + ", so no per-user rights exist; the migration swaps its"
                    + " security groups (" + String.join(", ", group.securityGroupIds()) + ") for the stack's fence"
                    + " group, which admits only the migration, and disconnects other clients: "
                    + LockStrategy.NETWORK_FENCE.userSees() + ". The security groups are put back at the end."));
        }
        return unlocked(spec, "replication group " + group.id() + " has no user group (RBAC) and this installation"
                + " has no fence security group", "Deploy the stack with its fence security group (see"
                + " docs/deployment.md), or give the replication group an RBAC user group");
    }

    private static LockDecision unlocked(TargetSpec spec, String reason, String remedy) {
        Check check = Check.TARGET_LOCKABLE;
        if (spec.allowUnlocked()) {
            return new LockDecision(LockStrategy.NONE, check.warning("Strategy none: the target cannot be locked ("
                    + reason + "), and you accepted an unlocked target (--allow-unlocked-target; recorded in the"
                    + " task): " + LockStrategy.NONE.userSees() + ", and such writes may be overwritten or mixed with"
                    + " the source's data. Keep applications off the target until you finish."));
        }
        return new LockDecision(LockStrategy.NONE, check.error("The target cannot be locked: " + reason + ". The"
                + " target must be locked so that no other client writes into it during the migration. "
                + Text.fullStop(remedy) + " To migrate without a lock anyway, accept it with --allow-unlocked-target."));
    }

    /** ElastiCache's own user (id "default"), which no ModifyUser may change. */
    private static boolean isEnabledBuiltInDefaultUser(CacheUser user) {
        return BUILT_IN_DEFAULT_USER_ID.equals(user.userId()) && ReadOnlyAccess.enabled(user.accessString());
    }

    private static String names(List<CacheUser> users) {
        return users.stream().map(CacheUser::userId).collect(Collectors.joining(", "));
    }

    private static boolean isElastiCacheHost(TargetSpec spec) {
        return spec.endpoint().host().toLowerCase(Locale.ROOT).endsWith(".cache.amazonaws.com");
    }
}
