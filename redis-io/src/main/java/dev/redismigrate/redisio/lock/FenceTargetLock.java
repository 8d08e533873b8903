package dev.redismigrate.redisio.lock;

import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.FenceLockRecord;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.cluster.ClusterMembers;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * The {@code network-fence} lock, for a replication group with an AUTH token or no authentication (no per-user
 * rights to take away): its security groups are swapped for this installation's fence group, which admits only the
 * migration, and the clients still connected are disconnected (a security group change need not end established
 * connections; with cluster mode enabled, on every node). Reads are blocked too. Unlock puts the saved security groups back.
 *
 * <p>Idempotent like the other locks: each step compares the group's security groups with what it wants and changes
 * only the difference, so lock and unlock can be run again after a crash at any point.
 */
public final class FenceTargetLock implements TargetLock {
    private static final String ROLE = "target";

    private final RedisConnections connections;
    private final List<String> fenceSecurityGroupIds;
    private final PacedElastiCache cloud;
    private final Clock clock;

    /** @param fenceSecurityGroupIds this installation's fence security group(s), which admit only the migration */
    public FenceTargetLock(ElastiCache elastiCache, RedisConnections connections, List<String> fenceSecurityGroupIds,
                           CloudPacing pacing, Clock clock) {
        if (fenceSecurityGroupIds.isEmpty()) {
            throw new IllegalArgumentException("the network-fence lock needs the fence security group id(s)");
        }
        this.connections = connections;
        this.fenceSecurityGroupIds = List.copyOf(fenceSecurityGroupIds);
        this.cloud = new PacedElastiCache(elastiCache, pacing);
        this.clock = clock;
    }

    @Override
    public LockRecord prepare(TargetSpec target, String taskId) {
        ReplicationGroup group = cloud.replicationGroup(target.instanceId());
        if (sameGroups(group.securityGroupIds(), fenceSecurityGroupIds)) {
            throw new TargetLockException("replication group " + group.id() + " is fenced already (its security groups"
                    + " are the fence " + String.join(", ", fenceSecurityGroupIds) + "), so another migration holds"
                    + " it; finish, cancel or unlock that task first");
        }
        return new FenceLockRecord(group.id(), group.securityGroupIds(), fenceSecurityGroupIds, clock.instant());
    }

    @Override
    public Grant lock(TargetSpec target, LockRecord record) {
        FenceLockRecord fence = LockRecords.as(FenceLockRecord.class, record);
        setSecurityGroups(fence.replicationGroupId(), fence.fenceSecurityGroupIds());
        // The fence covers every node of the group; so must the disconnection (cluster mode enabled: every node).
        RedisEndpoint given = target.endpoint();
        for (RedisEndpoint node : connections.call(ROLE, given, redis -> ClusterMembers.endpoints(redis, given))) {
            connections.call(ROLE, node, FenceTargetLock::disconnectOtherClients);
        }
        return new Grant(fence, given);
    }

    /** Every sync writes with the task's own credential: the fence has no user to give a shard. */
    @Override
    public Grant regrant(TargetSpec target, LockRecord record, SyncShard sync) {
        return new Grant(LockRecords.as(FenceLockRecord.class, record), target.endpoint());
    }

    @Override
    public void unlock(TargetSpec target, LockRecord record) {
        FenceLockRecord fence = LockRecords.as(FenceLockRecord.class, record);
        setSecurityGroups(fence.replicationGroupId(), fence.savedSecurityGroupIds());
        List<String> now = cloud.replicationGroup(fence.replicationGroupId()).securityGroupIds();
        if (!sameGroups(now, fence.savedSecurityGroupIds())) {
            throw new TargetLockException("unlocked replication group " + fence.replicationGroupId() + ", but its"
                    + " security groups are " + String.join(", ", now) + " instead of the saved "
                    + String.join(", ", fence.savedSecurityGroupIds()) + "; set them in the ElastiCache console");
        }
    }

    /** ModifyReplicationGroup unless the group has these already, then wait until it is available again. */
    private void setSecurityGroups(String replicationGroupId, List<String> securityGroupIds) {
        if (!sameGroups(cloud.replicationGroup(replicationGroupId).securityGroupIds(), securityGroupIds)) {
            cloud.change("set the security groups of replication group " + replicationGroupId + " to "
                    + String.join(", ", securityGroupIds),
                    api -> api.modifySecurityGroups(replicationGroupId, securityGroupIds));
        }
        cloud.await("replication group " + replicationGroupId + " available",
                () -> cloud.replicationGroup(replicationGroupId).available());
    }

    /**
     * Every normal and pub/sub client but this connection (replicas and the primary link are the service's own).
     * The sync opens its connections after the lock, so none of them is among these.
     */
    private static Void disconnectOtherClients(Jedis redis) {
        long ours = redis.clientId();
        Stream.of(ClientType.NORMAL, ClientType.PUBSUB)
                .flatMap(type -> clientIds(redis.clientList(type)))
                .filter(id -> id != ours)
                .forEach(id -> redis.clientKill(ClientKillParams.clientKillParams().id(Long.toString(id))));
        return null;
    }

    /** The {@code id=} field of each CLIENT LIST line. */
    static Stream<Long> clientIds(String clientList) {
        return clientList.lines().flatMap(line -> Stream.of(line.split(" ")))
                .filter(field -> field.startsWith("id="))
                .map(field -> Long.parseLong(field.substring("id=".length())));
    }

    private static boolean sameGroups(List<String> some, List<String> others) {
        return new HashSet<>(some).equals(new HashSet<>(others));
    }
}
