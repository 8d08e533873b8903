package dev.redismigrate.core.task;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.AddressResolver;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What makes a target one instance whatever its spelling, for the claim "one task per target": the cloud instance id
 * when there is one ({@code elasticache:<replication group id>}: its endpoints, node endpoints and their IPs are the
 * same instance), for a self-managed Redis Cluster its primaries' resolved addresses ({@code
 * cluster:127.0.0.1:7001,127.0.0.1:7002,...}, whichever node the task names), otherwise the resolved address
 * ({@code 127.0.0.1:6379} for {@code localhost:6379} too).
 */
public final class TargetIdentity {
    private TargetIdentity() {
    }

    public static String of(TargetSpec target, AddressResolver resolver) {
        return of(target, resolver, List.of());
    }

    /**
     * @param clusterPrimaries the {@code host:port} of each primary when the target is a Redis Cluster node, else
     *                         empty. A cluster's identity is the set of its primaries at validation: after a failover
     *                         a task validated later names other primaries (its {@code target.empty} check still sees
     *                         the data of the first).
     */
    public static String of(TargetSpec target, AddressResolver resolver, Collection<String> clusterPrimaries) {
        if (target.instanceId() != null) {
            return "elasticache:" + target.instanceId().toLowerCase(Locale.ROOT);
        }
        if (!clusterPrimaries.isEmpty()) {
            return "cluster:" + clusterPrimaries.stream().map(node -> address(resolver, node))
                    .sorted().collect(Collectors.joining(","));
        }
        RedisEndpoint endpoint = target.endpoint();
        return address(resolver, endpoint.host(), endpoint.port());
    }

    /** @param node {@code host:port}, the host possibly an IPv6 address without brackets */
    private static String address(AddressResolver resolver, String node) {
        int colon = node.lastIndexOf(':');
        return address(resolver, node.substring(0, colon), Integer.parseInt(node.substring(colon + 1)));
    }

    private static String address(AddressResolver resolver, String host, int port) {
        String resolved = resolver.resolve(host).orElse(host.toLowerCase(Locale.ROOT));
        return (resolved.contains(":") ? "[" + resolved + "]" : resolved) + ":" + port;
    }
}
