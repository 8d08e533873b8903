package dev.redismigrate.redisio.cluster;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Every node of a cluster, primaries and replicas, as {@code CLUSTER NODES} lists them: what must be changed on each
 * node when a setting is per node (ACL users). {@link SlotMap} names only the primaries serving slots; a replica is
 * needed too, since a failover makes it the primary of its slots. Nodes the cluster holds as failed ({@code fail}: a
 * replica down for maintenance, say), still in the handshake or without an address are left out: they cannot be
 * reached now, and a failed primary would have stopped the cluster from serving its slots anyway.
 */
public final class ClusterMembers {
    private ClusterMembers() {
    }

    /** @param host the address the connection goes to, for nodes that announce none */
    public static List<ClusterNode> read(Jedis jedis, String host) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (String line : jedis.clusterNodes().split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 3 || unreachable(fields[2])) {
                continue;
            }
            // ip:port@cport[,hostname]
            String address = fields[1].split("@")[0];
            nodes.add(ClusterNode.parse(address, host));
        }
        return nodes;
    }

    /**
     * Every reachable node of the Redis behind {@code given}, each reached as {@code given} is (TLS, user, password):
     * the nodes of its cluster, or {@code given} alone for a standalone server. For what must reach every node, such
     * as disconnecting clients once a network fence is up.
     */
    public static List<RedisEndpoint> endpoints(Jedis jedis, RedisEndpoint given) {
        if (!ClusterDetection.read(jedis, given.host()).cluster()) {
            return List.of(given);
        }
        return read(jedis, given.host()).stream().map(node -> node.reachedAs(given)).toList();
    }

    /** {@code fail} (not {@code fail?}, a suspicion of one node), {@code handshake} or {@code noaddr} among the flags. */
    private static boolean unreachable(String flags) {
        for (String flag : flags.split(",")) {
            if (flag.equals("fail") || flag.equals("handshake") || flag.equals("noaddr")) {
                return true;
            }
        }
        return false;
    }
}
