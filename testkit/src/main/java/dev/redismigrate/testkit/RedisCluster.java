package dev.redismigrate.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.MigrateParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A real Redis Cluster of throwaway servers: N primaries sharing the 16384 slots in even ranges, each with its
 * replicas, every node agreeing on the slot map before {@link #form} returns. Helpers move slots (with their keys)
 * and fail a primary over to its replica the way an operator would, so tests can do both under a write load.
 * Start it through {@link RedisServers#cluster}, which stops every node after the test.
 */
public final class RedisCluster {
    public static final int SLOTS = 16384;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MIGRATE_BATCH = 100;
    private static final int MIGRATE_TIMEOUT_MS = 5000;

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** The directives every node needs; the harness gives each its own dir, so {@code nodes.conf} is private. */
    public static RedisServerConfig nodeConfig() {
        return RedisServerConfig.defaults()
                .set("cluster-enabled", "yes")
                .set("cluster-config-file", "nodes.conf")
                .set("cluster-node-timeout", "2000");
    }

    /**
     * Joins started nodes into a cluster: the first {@code primaries} take the slots, the rest are spread over them
     * as replicas (node i replicates primary {@code i % primaries}). Returns once every primary lists its replicas
     * and every node reports {@code cluster_state:ok} and the same slot map (bounded: 30 s each).
     */
    public static RedisCluster form(List<RedisServer> nodes, int primaries) {
        if (primaries < 1 || primaries > nodes.size()) {
            throw new IllegalArgumentException("need between 1 and " + nodes.size() + " primaries, got " + primaries);
        }
        RedisCluster cluster = new RedisCluster(nodes);
        RedisServer first = nodes.get(0);
        try (Jedis seed = first.client()) {
            for (RedisServer node : nodes.subList(1, nodes.size())) {
                seed.clusterMeet(node.host(), node.port());
            }
        }
        cluster.await("every node knows the " + nodes.size() + " nodes", () -> cluster.nodes.stream()
                .allMatch(node -> cluster.info(node).contains("cluster_known_nodes:" + nodes.size() + "\r")));
        for (int i = 0; i < primaries; i++) {
            int from = SLOTS * i / primaries;
            int to = SLOTS * (i + 1) / primaries;
            try (Jedis primary = nodes.get(i).client()) {
                primary.clusterAddSlots(IntStream.range(from, to).toArray()); // ADDSLOTSRANGE needs 7.0
            }
        }
        for (int i = primaries; i < nodes.size(); i++) {
            String primaryId = cluster.id(nodes.get(i % primaries));
            try (Jedis replica = nodes.get(i).client()) {
                replica.clusterReplicate(primaryId);
            }
        }
        // A primary learns of its replica through gossip, a moment after CLUSTER REPLICATE returns.
        cluster.await("every replica known to its primary", () -> IntStream.range(primaries, nodes.size())
                .allMatch(i -> cluster.replicasOf(nodes.get(i % primaries)).contains(nodes.get(i))));
        cluster.awaitStable();
        return cluster;
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** The nodes that serve slots now, in the order of the slot ranges they own. */
    public List<RedisServer> primaries() {
        return slotMap(nodes.get(0)).values().stream().distinct().map(this::byPort).toList();
    }

    /** The replicas of a primary, as that primary reports them ({@code CLUSTER NODES}: field 4 is the primary's id). */
    public List<RedisServer> replicasOf(RedisServer primary) {
        String id = id(primary);
        try (Jedis client = primary.client()) {
            return client.clusterNodes().lines().map(line -> line.split(" "))
                    .filter(fields -> fields.length > 3 && fields[3].equals(id))
                    .map(fields -> byPort(port(fields[1]))).toList();
        }
    }

    public RedisServer ownerOfSlot(int slot) {
        int port = -1;
        for (Map.Entry<Integer, Integer> range : slotMap(nodes.get(0)).entrySet()) {
            if (range.getKey() <= slot) {
                port = range.getValue();
            }
        }
        return byPort(port);
    }

    public RedisServer ownerOf(String key) {
        return ownerOfSlot(slot(key));
    }

    public static int slot(String key) {
        return JedisClusterCRC16.getSlot(key);
    }

    /**
     * Moves one slot and its keys from its owner to {@code to}, as {@code redis-cli --cluster reshard} does (see
     * {@link #beginSlotMove}). Keys written meanwhile follow ASK redirections.
     */
    public void moveSlot(int slot, RedisServer to) {
        beginSlotMove(slot, to).finish();
    }

    /**
     * Starts moving a slot: IMPORTING on {@code to}, MIGRATING on its owner. Until {@link SlotMove#finish()}, the old
     * owner answers ASK for keys already moved ({@link SlotMove#migrate}) and TRYAGAIN for commands whose keys are
     * split between the two nodes, so a test can hold the slot in that state while it writes.
     */
    public SlotMove beginSlotMove(int slot, RedisServer to) {
        RedisServer from = ownerOfSlot(slot);
        if (from.port() == to.port()) {
            throw new IllegalArgumentException(to + " already owns slot " + slot);
        }
        SlotMove move = new SlotMove(slot, from, to);
        try (Jedis source = from.client(); Jedis target = to.client()) {
            target.clusterSetSlotImporting(slot, id(from));
            source.clusterSetSlotMigrating(slot, move.toId);
        }
        return move;
    }

    /** A slot between its old and its new owner. */
    public final class SlotMove {
        private final int slot;
        private final RedisServer from;
        private final RedisServer to;
        private final String toId;

        private SlotMove(int slot, RedisServer from, RedisServer to) {
            this.slot = slot;
            this.from = from;
            this.to = to;
            this.toId = id(to);
        }

        /** MIGRATE of these keys (they must be in the slot) to the new owner. */
        public void migrate(String... keys) {
            try (Jedis source = from.client()) {
                source.migrate(to.host(), to.port(), 0, MIGRATE_TIMEOUT_MS, new MigrateParams(), keys);
            }
        }

        /** Migrates the keys left, in batches until none is, then SETSLOT NODE on both owners and every primary. */
        public void finish() {
            try (Jedis source = from.client(); Jedis target = to.client()) {
                List<String> keys;
                while (!(keys = source.clusterGetKeysInSlot(slot, MIGRATE_BATCH)).isEmpty()) {
                    migrate(keys.toArray(String[]::new));
                }
                target.clusterSetSlotNode(slot, toId);
                source.clusterSetSlotNode(slot, toId);
            }
            for (RedisServer other : primaries()) {
                if (other.port() != from.port() && other.port() != to.port()) {
                    try (Jedis client = other.client()) {
                        client.clusterSetSlotNode(slot, toId);
                    }
                }
            }
            claimWithTheGreatestEpoch();
            awaitStable();
        }

        /**
         * The new owner claims the slot again with a config epoch above every other: gossip from the old owner that
         * still carried its claim (sent before its own SETSLOT) can have taken the slot back on the new owner, whose
         * epoch was lower, and then no node claims it for the new owner with a winning epoch (CI saw the cluster stuck
         * so). A second SETSLOT on the new owner is a no-op when it kept the slot.
         */
        private void claimWithTheGreatestEpoch() {
            try (Jedis target = to.client()) {
                target.clusterSetSlotNode(slot, toId);
                target.sendCommand(Protocol.Command.CLUSTER, "BUMPEPOCH");
            }
        }
    }

    /**
     * A manual failover ({@code CLUSTER FAILOVER} on the replica): the primary stops taking writes, the replica
     * catches up and takes over its slots, so no acknowledged write is lost. Returns when every node agrees.
     */
    public void failover(RedisServer replica) {
        try (Jedis client = replica.client()) {
            client.clusterFailover();
        }
        await(replica + " became a primary", () -> info(replica, "replication").contains("role:master"));
        awaitStable();
    }

    /** Until every node reports {@code cluster_state:ok} and the same owner for every slot range (30 s at most). */
    public void awaitStable() {
        await("cluster_state:ok and one slot map on every node", () -> {
            Map<Integer, Integer> first = null;
            for (RedisServer node : nodes) {
                if (!info(node).contains("cluster_state:ok")) {
                    return false;
                }
                Map<Integer, Integer> map = slotMap(node);
                if (first == null) {
                    first = map;
                } else if (!first.equals(map)) {
                    return false;
                }
            }
            return first != null && first.size() > 0;
        });
    }

    /** The node's own id ({@code CLUSTER MYID}). */
    public String id(RedisServer node) {
        try (Jedis client = node.client()) {
            return client.clusterMyId();
        }
    }

    @Override
    public String toString() {
        return "redis cluster of " + nodes.size() + " nodes, " + nodes.get(0).version().label();
    }

    /** First slot of each range to the port of its primary, as {@code node} sees it (CLUSTER SLOTS). */
    private static Map<Integer, Integer> slotMap(RedisServer node) {
        Map<Integer, Integer> map = new TreeMap<>();
        try (Jedis client = node.client()) {
            for (Object range : client.clusterSlots()) {
                List<?> fields = (List<?>) range;
                List<?> primary = (List<?>) fields.get(2);
                map.put(((Long) fields.get(0)).intValue(), ((Long) primary.get(1)).intValue());
            }
        }
        return map;
    }

    private String info(RedisServer node) {
        try (Jedis client = node.client()) {
            return client.clusterInfo();
        }
    }

    private static String info(RedisServer node, String section) {
        try (Jedis client = node.client()) {
            return client.info(section);
        }
    }

    private RedisServer byPort(int port) {
        return nodes.stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of " + this + " listens on " + port));
    }

    /** The port of a CLUSTER NODES address, {@code ip:port@cport} (3.0 to 3.2 write {@code ip:port}). */
    private static int port(String address) {
        String hostPort = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(this + ": not " + what + " within " + SETTLE_TIMEOUT + "\n"
                        + nodes.stream().map(node -> node.port() + ": " + clusterNodes(node))
                        .collect(Collectors.joining("\n")));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting until " + what, e);
            }
        }
    }

    private static String clusterNodes(RedisServer node) {
        try (Jedis client = node.client()) {
            return client.clusterNodes();
        } catch (RuntimeException e) {
            return "(unanswered: " + e.getMessage() + ")";
        }
    }
}
