package dev.redismigrate.core.task;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.util.Objects;

/**
 * The empty Redis to migrate into. {@code instanceId} is the managed instance's id (e.g. an ElastiCache replication
 * group) when the target is named by id; null when the user gave a plain endpoint.
 */
public record TargetSpec(RedisEndpoint endpoint, String instanceId) {
    public TargetSpec {
        Objects.requireNonNull(endpoint, "target endpoint");
    }

    public static TargetSpec of(RedisEndpoint endpoint) {
        return new TargetSpec(endpoint, null);
    }

    public boolean isCloudInstance() {
        return instanceId != null;
    }
}
