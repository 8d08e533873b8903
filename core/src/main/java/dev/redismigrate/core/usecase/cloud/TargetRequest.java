package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.task.TargetSpec;
import java.util.function.Function;

/**
 * The target of a create-task request: the fields of {@link TargetSpec}, except that the endpoint may be left out when
 * an instance id is given; the endpoint is then read from the cloud, and {@code username} and {@code password} (a
 * reference) are the credentials to use on it. With an endpoint, its own user and password apply.
 */
public record TargetRequest(RedisEndpoint endpoint, String instanceId, boolean allowUnlocked,
                            boolean allowSharedUserLock, String username, SecretRef password) {
    /** A target given with its endpoint. */
    public static TargetRequest of(TargetSpec spec) {
        return new TargetRequest(spec.endpoint(), spec.instanceId(), spec.allowUnlocked(), spec.allowSharedUserLock(),
                null, null);
    }

    /**
     * The task's target: the given endpoint, or the primary (cluster mode enabled: configuration) endpoint of the instance (from {@code primaryEndpointOf},
     * without credentials) with this request's user and password.
     */
    public TargetSpec toSpec(Function<String, RedisEndpoint> primaryEndpointOf) {
        if (endpoint != null) {
            if (username != null || password != null) {
                throw new IllegalArgumentException("the target's user and password belong on its endpoint when an endpoint is given");
            }
            return new TargetSpec(endpoint, instanceId, allowUnlocked, allowSharedUserLock);
        }
        if (instanceId == null) {
            throw new IllegalArgumentException("the target needs an endpoint or an instance id (an ElastiCache replication group id)");
        }
        RedisEndpoint primary = primaryEndpointOf.apply(instanceId);
        return new TargetSpec(new RedisEndpoint(primary.host(), primary.port(), primary.tls(), username, password),
                instanceId, allowUnlocked, allowSharedUserLock);
    }
}
