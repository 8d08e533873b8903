package dev.redismigrate.core.task;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.util.Objects;

/**
 * The empty Redis to migrate into. {@code instanceId} is the managed instance's id (an ElastiCache replication group)
 * when the target is named by id; null when the user gave a plain endpoint.
 *
 * @param allowUnlocked the user accepts a target that cannot be locked ({@code --allow-unlocked-target}): the
 *                      {@code none} strategy becomes a WARNING instead of an ERROR
 * @param allowSharedUserLock the user accepts that locking an ElastiCache user group also makes its users read-only
 *                            in the other user groups they belong to ({@code --allow-shared-user-lock})
 */
public record TargetSpec(RedisEndpoint endpoint, String instanceId, boolean allowUnlocked, boolean allowSharedUserLock) {
    public TargetSpec {
        Objects.requireNonNull(endpoint, "target endpoint");
    }

    public TargetSpec(RedisEndpoint endpoint, String instanceId) {
        this(endpoint, instanceId, false, false);
    }

    public static TargetSpec of(RedisEndpoint endpoint) {
        return new TargetSpec(endpoint, null);
    }

    public boolean isCloudInstance() {
        return instanceId != null;
    }

    public TargetSpec withEndpoint(RedisEndpoint newEndpoint) {
        return new TargetSpec(newEndpoint, instanceId, allowUnlocked, allowSharedUserLock);
    }
}
