package dev.redismigrate.aws.cloud;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.UserGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The describe half of {@link ElastiCache} over maps, for the checks and the endpoint resolution (which change
 * nothing): a change call is a test failure. {@link #refuse} makes every call fail as the service would.
 */
final class DescribedElastiCache implements ElastiCache {
    final Map<String, ReplicationGroup> groups = new HashMap<>();
    final Set<String> serverlessCaches = new HashSet<>();
    final Map<String, UserGroup> userGroups = new HashMap<>();
    final List<CacheUser> users = new ArrayList<>();
    private ElastiCacheException refusal;

    void refuse(ElastiCacheException.Kind kind, String code) {
        refusal = new ElastiCacheException(kind, code, "ElastiCache call failed (" + code + ")");
    }

    private void answer() {
        if (refusal != null) {
            throw refusal;
        }
    }

    @Override
    public Optional<ReplicationGroup> replicationGroup(String replicationGroupId) {
        answer();
        return Optional.ofNullable(groups.get(replicationGroupId));
    }

    @Override
    public boolean serverlessCacheExists(String name) {
        answer();
        return serverlessCaches.contains(name);
    }

    @Override
    public List<CacheUser> users() {
        answer();
        return List.copyOf(users);
    }

    @Override
    public Optional<UserGroup> userGroup(String userGroupId) {
        answer();
        return Optional.ofNullable(userGroups.get(userGroupId));
    }

    @Override
    public void createUser(String userId, String userName, String engine, String password, String accessString) {
        throw new AssertionError("validation changed a user");
    }

    @Override
    public void modifyUserAccessString(String userId, String accessString) {
        throw new AssertionError("validation changed a user");
    }

    @Override
    public void modifyUserPassword(String userId, String password) {
        throw new AssertionError("validation changed a user");
    }

    @Override
    public void modifyUserGroup(String userGroupId, List<String> userIdsToAdd, List<String> userIdsToRemove) {
        throw new AssertionError("validation changed a user group");
    }

    @Override
    public void deleteUser(String userId) {
        throw new AssertionError("validation deleted a user");
    }

    @Override
    public void modifySecurityGroups(String replicationGroupId, List<String> securityGroupIds) {
        throw new AssertionError("validation changed security groups");
    }
}
