package dev.redismigrate.core.task;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.util.Objects;

/**
 * The Redis to migrate from. {@code vmInstanceId} and {@code privateIp} are set for a VM-hosted source in the cloud
 * (the cloud checks verify them); both are null for an internet-reachable or local source.
 */
public record SourceSpec(RedisEndpoint endpoint, String vmInstanceId, String privateIp) {
    public SourceSpec {
        Objects.requireNonNull(endpoint, "source endpoint");
    }

    public static SourceSpec of(RedisEndpoint endpoint) {
        return new SourceSpec(endpoint, null, null);
    }
}
