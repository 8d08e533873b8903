package dev.redismigrate.core.elasticache;

import java.util.List;

/**
 * One ElastiCache replication group as the API describes it.
 *
 * @param status {@code available}, {@code creating}, {@code modifying}, {@code deleting}, ...
 * @param clusterMode cluster mode enabled (several shards, a configuration endpoint)
 * @param primaryHost the primary endpoint's address (null with cluster mode enabled)
 * @param transitEncryption in-transit encryption: clients must use TLS
 * @param authMode how clients authenticate
 * @param userGroupIds the RBAC user groups (empty unless {@code authMode == RBAC})
 * @param engine {@code redis} or {@code valkey}
 * @param engineVersion e.g. {@code 7.1.0}, from the primary's cache cluster
 * @param securityGroupIds the VPC security groups of the group's cache clusters
 * @param arn the group's ARN (names its region)
 */
public record ReplicationGroup(String id, String status, boolean clusterMode, String primaryHost, int primaryPort,
                               boolean transitEncryption, AuthMode authMode, List<String> userGroupIds,
                               String engine, String engineVersion, List<String> securityGroupIds, String arn) {
    public ReplicationGroup {
        userGroupIds = List.copyOf(userGroupIds);
        securityGroupIds = List.copyOf(securityGroupIds);
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
