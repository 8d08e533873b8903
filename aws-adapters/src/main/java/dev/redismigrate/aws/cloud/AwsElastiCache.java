package dev.redismigrate.aws.cloud;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.elasticache.UserGroup;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.NodeGroupMember;
import software.amazon.awssdk.services.elasticache.model.SecurityGroupMembership;
import software.amazon.awssdk.services.elasticache.model.User;

/**
 * {@link ElastiCache} through the AWS SDK's ElastiCache client, in the client's region. Each method makes its call
 * (DescribeReplicationGroups also makes DescribeCacheClusters of the primary); a "not found" answer of a describe call
 * is an empty result, every other failure an {@link ElastiCacheException} ({@link ElastiCacheErrors}).
 */
public final class AwsElastiCache implements ElastiCache {
    private final ElastiCacheClient client;

    public AwsElastiCache(ElastiCacheClient client) {
        this.client = client;
    }

    @Override
    public Optional<ReplicationGroup> replicationGroup(String replicationGroupId) {
        Optional<software.amazon.awssdk.services.elasticache.model.ReplicationGroup> found = absentIfNotFound(() ->
                call("DescribeReplicationGroups", () -> client.describeReplicationGroups(r -> r.replicationGroupId(replicationGroupId)))
                        .replicationGroups().stream()
                        .filter(group -> group.replicationGroupId().equals(replicationGroupId))
                        .findFirst());
        return found.map(group -> toGroup(group, primaryCluster(group)));
    }

    @Override
    public boolean serverlessCacheExists(String name) {
        return absentIfNotFound(() -> call("DescribeServerlessCaches",
                () -> client.describeServerlessCaches(r -> r.serverlessCacheName(name))).serverlessCaches().stream()
                .filter(cache -> cache.serverlessCacheName().equals(name))
                .findFirst())
                .isPresent();
    }

    @Override
    public List<CacheUser> users() {
        return call("DescribeUsers", () -> client.describeUsersPaginator(r -> { }).users().stream()
                .map(AwsElastiCache::toUser)
                .toList());
    }

    @Override
    public Optional<UserGroup> userGroup(String userGroupId) {
        return absentIfNotFound(() -> call("DescribeUserGroups",
                () -> client.describeUserGroups(r -> r.userGroupId(userGroupId))).userGroups().stream()
                .filter(group -> group.userGroupId().equals(userGroupId))
                .findFirst()
                .map(group -> new UserGroup(group.userGroupId(), group.status(), group.userIds(), group.replicationGroups())));
    }

    @Override
    public void createUser(String userId, String userName, String engine, String password, String accessString) {
        call("CreateUser", () -> client.createUser(r -> r.userId(userId).userName(userName).engine(engine)
                .passwords(password).accessString(accessString)));
    }

    @Override
    public void modifyUserAccessString(String userId, String accessString) {
        call("ModifyUser", () -> client.modifyUser(r -> r.userId(userId).accessString(accessString)));
    }

    @Override
    public void modifyUserPassword(String userId, String password) {
        call("ModifyUser", () -> client.modifyUser(r -> r.userId(userId).passwords(password)));
    }

    @Override
    public void modifyUserGroup(String userGroupId, List<String> userIdsToAdd, List<String> userIdsToRemove) {
        // An empty list is left out rather than sent empty: the request then names only what changes.
        call("ModifyUserGroup", () -> client.modifyUserGroup(r -> {
            r.userGroupId(userGroupId);
            if (!userIdsToAdd.isEmpty()) {
                r.userIdsToAdd(userIdsToAdd);
            }
            if (!userIdsToRemove.isEmpty()) {
                r.userIdsToRemove(userIdsToRemove);
            }
        }));
    }

    @Override
    public void deleteUser(String userId) {
        call("DeleteUser", () -> client.deleteUser(r -> r.userId(userId)));
    }

    @Override
    public void modifySecurityGroups(String replicationGroupId, List<String> securityGroupIds) {
        call("ModifyReplicationGroup", () -> client.modifyReplicationGroup(r -> r.replicationGroupId(replicationGroupId)
                .securityGroupIds(securityGroupIds).applyImmediately(true)));
    }

    /**
     * The primary's cache cluster (engine version and security groups live there, not on the group): the member whose
     * current role is primary; a group without roles (a single node) has only that one member.
     */
    private Optional<CacheCluster> primaryCluster(software.amazon.awssdk.services.elasticache.model.ReplicationGroup group) {
        Optional<String> clusterId = group.nodeGroups().stream()
                .flatMap(nodeGroup -> nodeGroup.nodeGroupMembers().stream())
                .filter(member -> "primary".equals(member.currentRole()))
                .map(NodeGroupMember::cacheClusterId)
                .findFirst()
                .or(() -> group.memberClusters().stream().findFirst());
        return clusterId.flatMap(id -> call("DescribeCacheClusters",
                () -> client.describeCacheClusters(r -> r.cacheClusterId(id))).cacheClusters().stream().findFirst());
    }

    private static ReplicationGroup toGroup(software.amazon.awssdk.services.elasticache.model.ReplicationGroup group,
                                            Optional<CacheCluster> primary) {
        boolean clusterMode = Boolean.TRUE.equals(group.clusterEnabled()) || group.configurationEndpoint() != null;
        // Cluster mode enabled: the configuration endpoint, which names every node's endpoint (CLUSTER SLOTS).
        // Cluster mode disabled: one node group whose primary endpoint follows fail-overs.
        Optional<Endpoint> endpoint = clusterMode
                ? Optional.ofNullable(group.configurationEndpoint()).filter(e -> e.address() != null)
                : group.nodeGroups().stream()
                        .map(NodeGroup::primaryEndpoint)
                        .filter(e -> e != null && e.address() != null)
                        .findFirst();
        String engine = group.engine() != null ? group.engine() : primary.map(CacheCluster::engine).orElse(null);
        return new ReplicationGroup(group.replicationGroupId(), group.status(), clusterMode,
                endpoint.map(Endpoint::address).orElse(null), endpoint.map(Endpoint::port).orElse(0),
                Boolean.TRUE.equals(group.transitEncryptionEnabled()), authMode(group), group.userGroupIds(), engine,
                primary.map(CacheCluster::engineVersion).orElse(null),
                primary.map(cluster -> cluster.securityGroups().stream().map(SecurityGroupMembership::securityGroupId).toList())
                        .orElse(List.of()),
                group.arn(), group.nodeGroups().stream().map(NodeGroup::nodeGroupId).toList());
    }

    private static AuthMode authMode(software.amazon.awssdk.services.elasticache.model.ReplicationGroup group) {
        if (!group.userGroupIds().isEmpty()) {
            return AuthMode.RBAC;
        }
        return Boolean.TRUE.equals(group.authTokenEnabled()) ? AuthMode.AUTH_TOKEN : AuthMode.NONE;
    }

    private static CacheUser toUser(User user) {
        return new CacheUser(user.userId(), user.userName(), user.status(), user.accessString(), user.userGroupIds(),
                user.engine());
    }

    /** A describe call's "no such resource" as an empty answer. */
    private static <T> Optional<T> absentIfNotFound(Supplier<Optional<T>> describe) {
        try {
            return describe.get();
        } catch (ElastiCacheException e) {
            if (e.kind() == ElastiCacheException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> T call(String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw ElastiCacheErrors.translate(name, e);
        }
    }
}
