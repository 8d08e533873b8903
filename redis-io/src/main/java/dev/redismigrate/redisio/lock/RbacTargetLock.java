package dev.redismigrate.redisio.lock;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.UserGroup;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.lock.AclDialect;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.lock.ReadOnlyAccess;
import dev.redismigrate.core.lock.SyncUsers;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.RbacLockRecord;
import dev.redismigrate.core.task.RbacLockRecord.SavedAccess;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.ServerVersion;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.cluster.ClusterMembers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import redis.clients.jedis.params.ClientKillParams;
import redis.clients.jedis.params.ClientKillParams.SkipMe;

/**
 * The {@code elasticache-rbac} lock: a migration user of our own in the replication group's user group, every other
 * user of the group made read-only with ModifyUser ({@link ReadOnlyAccess}), and at unlock each access string put back
 * exactly as DescribeUsers showed it before. Everything goes through the ElastiCache API (the engine refuses
 * ACL SETUSER there); the engine applies a changed user to its open connections at once.
 *
 * <p>Every step is idempotent, so lock and unlock can be run again after a crash at any point: each compares what
 * DescribeUsers and DescribeUserGroups show now with what it wants, and changes only the difference. A call refused
 * because something is still modifying is made again ({@link CloudPacing}); after its changes each step waits until
 * users, user group and replication group are active again, so the next step (or the sync) finds them settled.
 *
 * <p>A shard of a cluster source writes as a user of its own ({@link SyncUsers}), made by the shard's first regrant
 * with the migration user's access string and put into the user group, and given a new password by each later one,
 * so regranting one shard leaves the other shards' credentials alone. A new password leaves connections authenticated
 * with the old one open (the engine applies ACL SETUSER so), so the shard's regrant then closes that user's other
 * connections on every node ({@code CLIENT KILL USER}, from a connection of its own with the new password): the
 * shard's earlier container is cut off at once. Unlock removes the migration user and every shard's user
 * DescribeUsers shows, found by their names (they are not recorded).
 */
public final class RbacTargetLock implements TargetLock {
    /** ElastiCache's built-in user (id and name "default"): it cannot be modified, so it cannot be made read-only. */
    private static final String BUILT_IN_DEFAULT_USER_ID = "default";

    private static final String ROLE = "target";

    private final PacedElastiCache cloud;
    private final RedisConnections connections;
    private final Clock clock;

    public RbacTargetLock(ElastiCache elastiCache, RedisConnections connections, CloudPacing pacing, Clock clock) {
        this.cloud = new PacedElastiCache(elastiCache, pacing);
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public LockRecord prepare(TargetSpec target, String taskId) {
        ReplicationGroup group = cloud.replicationGroup(target.instanceId());
        if (group.userGroupIds().isEmpty()) {
            throw new TargetLockException("replication group " + group.id() + " has no user group, so the"
                    + " elasticache-rbac lock cannot make its users read-only; validate the task again");
        }
        UserGroup userGroup = cloud.userGroup(group.userGroupIds().get(0));
        Map<String, CacheUser> users = cloud.usersById();
        List<SavedAccess> saved = new ArrayList<>();
        for (String userId : userGroup.userIds()) {
            CacheUser user = users.get(userId);
            if (user == null) {
                continue; // listed by the group while being deleted: nothing to lock or put back
            }
            refuseUnlockable(group, userGroup, user);
            saved.add(new SavedAccess(user.userId(), user.userName(), user.accessString()));
        }
        String migrationUser = AclLockPlan.migrationUser(taskId);
        return new RbacLockRecord(group.id(), userGroup.userGroupId(), migrationUser, migrationUser, saved,
                clock.instant());
    }

    private static void refuseUnlockable(ReplicationGroup group, UserGroup userGroup, CacheUser user) {
        if (AclLockPlan.isMigrationUser(user.userId())) {
            throw new TargetLockException("replication group " + group.id() + " is locked by another migration (user "
                    + user.userId() + " in user group " + userGroup.userGroupId() + "); finish, cancel or unlock that"
                    + " task first");
        }
        if (user.userId().equals(BUILT_IN_DEFAULT_USER_ID) && ReadOnlyAccess.enabled(user.accessString())) {
            throw new TargetLockException("user group " + userGroup.userGroupId() + " holds ElastiCache's built-in"
                    + " default user, which cannot be modified, so any client could keep writing as it during the"
                    + " migration; swap in a user of your own named default (e.g. access string 'off ~* +@all')"
                    + " and validate again");
        }
    }

    @Override
    public Grant lock(TargetSpec target, LockRecord record) {
        RbacLockRecord rbac = LockRecords.as(RbacLockRecord.class, record);
        ReplicationGroup group = cloud.replicationGroup(rbac.replicationGroupId());
        String password = MigrationCredentials.newPassword();
        Map<String, CacheUser> users = cloud.usersById();
        putWriter(rbac, group, users, rbac.migrationUserId(), rbac.migrationUser(), password);
        for (SavedAccess saved : rbac.savedUsers()) {
            CacheUser now = users.get(saved.userId());
            String readOnly = ReadOnlyAccess.of(saved.accessString());
            // A user deleted since prepare stays deleted; unlock reports it.
            if (now != null && !readOnly.equals(now.accessString())) {
                cloud.change("make user " + saved.userId() + " read-only",
                        api -> api.modifyUserAccessString(saved.userId(), readOnly));
            }
        }
        awaitSettled(rbac, "users", now -> active(now, rbac.migrationUserId()) && savedUsersSettled(rbac, now));
        return MigrationCredentials.grant(target.endpoint(), rbac, rbac.migrationUser(), password);
    }

    /**
     * A writer user (the migration user or a shard's) with the new password: created with the migration user's access
     * string, or given the password when it exists; then in the user group.
     */
    private void putWriter(RbacLockRecord rbac, ReplicationGroup group, Map<String, CacheUser> users, String userId,
                           String userName, String password) {
        if (users.containsKey(userId)) {
            cloud.change("give migration user " + userId + " a new password",
                    api -> api.modifyUserPassword(userId, password));
        } else {
            cloud.change("create migration user " + userId, api -> api.createUser(userId, userName, group.engine(),
                    password, AclLockPlan.migrationAccessString(dialect(group))));
        }
        if (!cloud.userGroup(rbac.userGroupId()).userIds().contains(userId)) {
            cloud.change("add migration user " + userId + " to user group " + rbac.userGroupId(),
                    api -> api.modifyUserGroup(rbac.userGroupId(), List.of(userId), List.of()));
        }
    }

    private static AclDialect dialect(ReplicationGroup group) {
        ServerVersion version = ServerVersion.parse(group.engineVersion());
        AclDialect dialect = version == null ? null : AclDialect.of(version.major(), version.minor());
        if (dialect == null) {
            throw new TargetLockException("replication group " + group.id() + " runs engine version "
                    + group.engineVersion() + ", which has no RBAC users; validate the task again");
        }
        return dialect;
    }

    /**
     * The whole source: a new password for the migration user. A shard: its user made (first regrant) or given a new
     * password, in the user group, settled like the lock's own steps, and its earlier connections closed.
     */
    @Override
    public Grant regrant(TargetSpec target, LockRecord record, SyncShard sync) {
        RbacLockRecord rbac = LockRecords.as(RbacLockRecord.class, record);
        String password = MigrationCredentials.newPassword();
        if (sync.whole()) {
            cloud.change("give migration user " + rbac.migrationUserId() + " a new password",
                    api -> api.modifyUserPassword(rbac.migrationUserId(), password));
            cloud.await("migration user " + rbac.migrationUserId() + " active",
                    () -> active(cloud.usersById(), rbac.migrationUserId()));
            return MigrationCredentials.grant(target.endpoint(), rbac, rbac.migrationUser(), password);
        }
        String userId = SyncUsers.of(rbac.migrationUserId(), sync);
        String userName = SyncUsers.of(rbac.migrationUser(), sync);
        putWriter(rbac, cloud.replicationGroup(rbac.replicationGroupId()), cloud.usersById(), userId, userName,
                password);
        awaitSettled(rbac, "user " + userId, now -> active(now, userId));
        Grant grant = MigrationCredentials.grant(target.endpoint(), rbac, userName, password);
        disconnectEarlierWriters(grant.writer());
        return grant;
    }

    /** Every other connection of the writer's user, on every node, closed through a connection as that user. */
    private void disconnectEarlierWriters(RedisEndpoint writer) {
        ClientKillParams others = ClientKillParams.clientKillParams().user(writer.username()).skipMe(SkipMe.YES);
        for (RedisEndpoint node : connections.call(ROLE, writer, redis -> ClusterMembers.endpoints(redis, writer))) {
            connections.call(ROLE, node, redis -> redis.clientKill(others));
        }
    }

    @Override
    public void unlock(TargetSpec target, LockRecord record) {
        RbacLockRecord rbac = LockRecords.as(RbacLockRecord.class, record);
        Map<String, CacheUser> users = cloud.usersById();
        for (SavedAccess saved : rbac.savedUsers()) {
            CacheUser now = users.get(saved.userId());
            if (now != null && !saved.accessString().equals(now.accessString())) {
                cloud.change("put back the access string of user " + saved.userId(),
                        api -> api.modifyUserAccessString(saved.userId(), saved.accessString()));
            }
        }
        List<String> members = cloud.userGroup(rbac.userGroupId()).userIds().stream()
                .filter(userId -> SyncUsers.isTaskUser(rbac.migrationUserId(), userId)).toList();
        if (!members.isEmpty()) {
            cloud.change("remove migration users " + String.join(", ", members) + " from user group "
                    + rbac.userGroupId(), api -> api.modifyUserGroup(rbac.userGroupId(), List.of(), members));
        }
        for (String userId : taskUsers(rbac, users)) {
            cloud.change("delete migration user " + userId, api -> api.deleteUser(userId));
        }
        awaitSettled(rbac, "users", now -> taskUsers(rbac, now).isEmpty() && savedUsersSettled(rbac, now));
        verifyRestored(rbac);
    }

    /** The restore is exact or it says so; a user someone deleted meanwhile is named, not recreated. */
    private void verifyRestored(RbacLockRecord record) {
        Map<String, CacheUser> users = cloud.usersById();
        List<String> differing = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (SavedAccess saved : record.savedUsers()) {
            CacheUser now = users.get(saved.userId());
            if (now == null) {
                deleted.add(saved.userId());
            } else if (!saved.accessString().equals(now.accessString())) {
                differing.add(saved.userId());
            }
        }
        if (!differing.isEmpty()) {
            throw new TargetLockException("unlocked replication group " + record.replicationGroupId() + ", but the"
                    + " access strings of users " + String.join(", ", differing) + " differ from those saved before"
                    + " the lock; compare DescribeUsers with the task's lock record");
        }
        if (!deleted.isEmpty()) {
            throw new TargetLockException("unlocked replication group " + record.replicationGroupId() + ", but users "
                    + String.join(", ", deleted) + " were deleted during the migration by someone else and were not"
                    + " recreated; their saved access strings are in the task's lock record");
        }
    }

    /**
     * Waits until {@code usersSettled} holds for the users DescribeUsers shows ({@code users} names them in the
     * message when it never does), and the user group and the replication group are active again.
     */
    private void awaitSettled(RbacLockRecord record, String users, Predicate<Map<String, CacheUser>> usersSettled) {
        cloud.await(users + ", user group " + record.userGroupId() + " and replication group "
                + record.replicationGroupId() + " active", () -> usersSettled.test(cloud.usersById())
                        && cloud.userGroup(record.userGroupId()).active()
                        && cloud.replicationGroup(record.replicationGroupId()).available());
    }

    /** The users of the record that still exist are active (one someone deleted meanwhile is not waited for). */
    private static boolean savedUsersSettled(RbacLockRecord record, Map<String, CacheUser> users) {
        return record.savedUsers().stream().map(saved -> users.get(saved.userId()))
                .allMatch(user -> user == null || user.active());
    }

    private static boolean active(Map<String, CacheUser> users, String userId) {
        CacheUser user = users.get(userId);
        return user != null && user.active();
    }

    /** The migration user and every shard's user of the record's task that exist, by id. */
    private static List<String> taskUsers(RbacLockRecord record, Map<String, CacheUser> users) {
        return users.keySet().stream().filter(userId -> SyncUsers.isTaskUser(record.migrationUserId(), userId))
                .sorted().toList();
    }
}
