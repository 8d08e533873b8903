package dev.redismigrate.aws.cloud;

import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.endpoint.RedisEndpoint;

/**
 * The target endpoint of a task named only by its ElastiCache replication group id: the group's primary endpoint
 * (cluster mode disabled) or configuration endpoint (cluster mode enabled: the engine and validation then find every
 * shard's primary from that node, as for any cluster) and port, with TLS when in-transit encryption is on, read from
 * the API before the task is created. Validation then checks the group as for any target named by id.
 */
public final class TargetByInstanceId {
    private final ElastiCache elastiCache;

    public TargetByInstanceId(ElastiCache elastiCache) {
        this.elastiCache = elastiCache;
    }

    /**
     * The primary or configuration endpoint, without user or password (the request adds its own).
     *
     * @throws UnresolvedTargetException with one line saying why, when there is no such endpoint
     */
    public RedisEndpoint endpoint(String replicationGroupId) {
        ReplicationGroup group;
        try {
            group = elastiCache.replicationGroup(replicationGroupId).orElse(null);
        } catch (ElastiCacheException e) {
            throw new UnresolvedTargetException("The endpoint of replication group " + replicationGroupId + " could not"
                    + " be read (" + e.getMessage() + "); give the create-task function elasticache:DescribeReplicationGroups,"
                    + " or give the target endpoint as well", e);
        }
        if (group == null) {
            throw new UnresolvedTargetException(isServerless(elastiCache, replicationGroupId)
                    ? replicationGroupId + " is an ElastiCache Serverless cache, which is not supported: name a"
                    + " replication group"
                    : "No ElastiCache replication group " + replicationGroupId + " in the stack's region: check the id (the"
                    + " replication group id, not a node id) and the region", null);
        }
        if (group.endpointHost() == null) {
            throw new UnresolvedTargetException("Replication group " + replicationGroupId + " is " + group.status()
                    + " and has no " + (group.clusterMode() ? "configuration" : "primary") + " endpoint yet: wait until"
                    + " it is available, or give the target endpoint as well", null);
        }
        return new RedisEndpoint(group.endpointHost(), group.endpointPort(), group.transitEncryption(), null, null);
    }

    /** Whether a Serverless cache has this name; false when that cannot be asked (it only sharpens a message). */
    static boolean isServerless(ElastiCache elastiCache, String name) {
        try {
            return elastiCache.serverlessCacheExists(name);
        } catch (ElastiCacheException e) {
            return false;
        }
    }
}
