package dev.redismigrate.redisio.cluster;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.RedisInfo;
import redis.clients.jedis.Jedis;

/**
 * Tells from one node address whether a Redis is a cluster ({@code INFO cluster}: {@code cluster_enabled:1}) and,
 * if so, which primaries serve its slots ({@code CLUSTER SLOTS}), so that {@code --target redis://any-node:port} can
 * name any node of a cluster. Only reads.
 */
public final class ClusterDetection {
    private final RedisConnections connections;

    public ClusterDetection(RedisConnections connections) {
        this.connections = connections;
    }

    /** @param role "source" or "target", for the one-line error when the node cannot be reached */
    public ClusterTopology detect(String role, RedisEndpoint endpoint) {
        return connections.call(role, endpoint, jedis -> read(jedis, endpoint.host()));
    }

    /**
     * The same on a connection already open (the instance probe has one). {@code host} is the address the connection
     * goes to: nodes that announce no address of their own are reachable there. 2.8 has no cluster section: standalone.
     */
    public static ClusterTopology read(Jedis jedis, String host) {
        RedisInfo info = RedisInfo.parse(jedis.info("cluster"));
        if (!"1".equals(info.get("cluster_enabled"))) {
            return ClusterTopology.STANDALONE;
        }
        String state = RedisInfo.parse(jedis.clusterInfo()).get("cluster_state");
        return new ClusterTopology(true, state, SlotMap.parse(jedis.clusterSlots(), host).orElse(null));
    }
}
