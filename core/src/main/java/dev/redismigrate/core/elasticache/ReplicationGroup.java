package dev.redismigrate.core.elasticache;

import java.util.List;

/**
 * One ElastiCache replication group as the API describes it.
 *
 * @param status {@code available}, {@code creating}, {@code modifying}, {@code deleting}, ...
 * @param clusterMode cluster mode enabled (one or more shards, a configuration endpoint)
 * @param endpointHost the address clients connect to: the primary endpoint with cluster mode disabled, the
 *                     configuration endpoint with cluster mode enabled (null while the group has none, e.g. creating)
 * @param endpointPort that endpoint's port
 * @param transitEncryption in-transit encryption: clients must use TLS
 * @param authMode how clients authenticate
 * @param userGroupIds the RBAC user groups (empty unless {@code authMode == RBAC})
 * @param engine {@code redis} or {@code valkey}
 * @param engineVersion e.g. {@code 7.1.0}, from the primary's cache cluster
 * @param securityGroupIds the VPC security groups of the group's cache clusters
 * @param arn the group's ARN (names its region)
 * @param shardIds the node group ids, one per shard (e.g. {@code 0001}; one with cluster mode disabled)
 */
public record ReplicationGroup(String id, String status, boolean clusterMode, String endpointHost, int endpointPort,
                               boolean transitEncryption, AuthMode authMode, List<String> userGroupIds,
                               String engine, String engineVersion, List<String> securityGroupIds, String arn,
                               List<String> shardIds) {
    public ReplicationGroup {
        userGroupIds = List.copyOf(userGroupIds);
        securityGroupIds = List.copyOf(securityGroupIds);
        shardIds = List.copyOf(shardIds);
    }

    public boolean available() {
        return "available".equals(status);
    }

    /** How clients of the group authenticate. */
    public enum AuthMode {
        /** No authentication: anyone who reaches the port may write. */
        NONE,
        /** One AUTH token (AuthTokenEnabled): no per-user rights. */
        AUTH_TOKEN,
        /** Role-based access control: users of the group's user group(s). */
        RBAC
    }
}
