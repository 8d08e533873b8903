package dev.redismigrate.sync.writer;

import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.sync.resp.RespConnection;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Authenticated connections to the target a task names: to its endpoint, and to any node of the cluster behind it
 * with the endpoint's credentials, TLS and timeouts (a failure to connect is a typed {@code SyncFailure}).
 *
 * @param host the endpoint's host: where a cluster node that announces no address of its own is reached
 */
public record TargetConnections(String host, Supplier<RespConnection> endpoint,
                                Function<ClusterNode, RespConnection> nodes) {
    public RespConnection connect() {
        return endpoint.get();
    }

    public RespConnection node(ClusterNode node) {
        return nodes.apply(node);
    }
}
