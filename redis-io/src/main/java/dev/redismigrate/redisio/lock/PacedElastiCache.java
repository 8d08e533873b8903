package dev.redismigrate.redisio.lock;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.UserGroup;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ElastiCache API as the cloud locks use it: every call made again while the service refuses it for a passing
 * reason, changes named for the one line a final refusal becomes, and waits for a settled state ({@link CloudPacing}).
 */
final class PacedElastiCache {
    private final ElastiCache elastiCache;
    private final CloudPacing pacing;

    PacedElastiCache(ElastiCache elastiCache, CloudPacing pacing) {
        this.elastiCache = elastiCache;
        this.pacing = pacing;
    }

    /** A change (Create, Modify, Delete); {@code action} completes "cannot ..." if the service refuses it. */
    void change(String action, Consumer<ElastiCache> call) {
        pacing.run(action, () -> call.accept(elastiCache));
    }

    /** Describes again (through {@code reached}) until {@code state} is reached. */
    void await(String state, BooleanSupplier reached) {
        pacing.await(state, reached);
    }

    ReplicationGroup replicationGroup(String replicationGroupId) {
        return pacing.call("describe replication group " + replicationGroupId,
                () -> elastiCache.replicationGroup(replicationGroupId)).orElseThrow(() -> new TargetLockException(
                        "replication group " + replicationGroupId + " does not exist in this region; check the task's"
                                + " target instance id"));
    }

    UserGroup userGroup(String userGroupId) {
        return pacing.call("describe user group " + userGroupId, () -> elastiCache.userGroup(userGroupId))
                .orElseThrow(() -> new TargetLockException("user group " + userGroupId + " does not exist any more;"
                        + " was the target's RBAC configuration replaced?"));
    }

    /** Every user by id; users being deleted are left out, as they are as good as gone. */
    Map<String, CacheUser> usersById() {
        return pacing.call("describe the users", elastiCache::users).stream()
                .filter(user -> !"deleting".equals(user.status()))
                .collect(Collectors.toMap(CacheUser::userId, Function.identity()));
    }
}
