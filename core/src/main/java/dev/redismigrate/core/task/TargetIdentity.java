package dev.redismigrate.core.task;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.AddressResolver;
import java.util.Locale;

/**
 * What makes a target one instance whatever its spelling, for the claim "one task per target": the cloud instance id
 * when there is one ({@code elasticache:<replication group id>}: its endpoints, node endpoints and their IPs are the
 * same instance), otherwise the resolved address ({@code 127.0.0.1:6379} for {@code localhost:6379} too).
 */
public final class TargetIdentity {
    private TargetIdentity() {
    }

    public static String of(TargetSpec target, AddressResolver resolver) {
        if (target.instanceId() != null) {
            return "elasticache:" + target.instanceId().toLowerCase(Locale.ROOT);
        }
        RedisEndpoint endpoint = target.endpoint();
        String host = resolver.resolve(endpoint.host()).orElse(endpoint.host().toLowerCase(Locale.ROOT));
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + endpoint.port();
    }
}
