package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.RedisUnavailableException;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.SlotMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One connection to the source or the target, read-only, its reads of keys paced by a {@link Throttle}. Commands go
 * out as raw byte arrays and come back as raw replies (byte[], Long, List, null) so that no key or value is ever
 * decoded as text. A server that cannot be read ends the verification with one line naming the side and its address.
 *
 * <p>A side that is a Redis Cluster (any node may be given) is one connection per primary: each command goes to the
 * primary serving its key's slot (a batch is split by primary and its replies put back in order), keyless commands
 * (RANDOMKEY) to the primaries in turn, {@link #scan} walks every primary, {@link #keyspace} sums them. The slot map is
 * read once: a reshard during the verification ends it with the {@code MOVED} reply as its reason.
 */
final class RedisSide implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    /** One command of a pipelined batch. */
    record Cmd(Command command, byte[]... args) {
        /** The key the command reads, or null for a command without one. */
        byte[] key() {
            if (args.length == 0 || command == Command.RANDOMKEY || command == Command.INFO || command == Command.PING
                    || command == Command.SELECT || command == Command.SCAN) {
                return null;
            }
            // MEMORY USAGE key, XINFO STREAM|GROUPS key: a subcommand first
            return command == Command.MEMORY || command == Command.XINFO ? args[1] : args[0];
        }
    }

    /** One server of this side: the only one, or one primary of a cluster. */
    private record Node(String address, Connection connection) {
    }

    private final String role;
    private final RedisEndpoint endpoint;
    private final List<Node> nodes;
    /** Which node serves each slot; null for a side of one server. */
    private final SlotMap slots;
    private final Map<ClusterNode, Node> byOwner;
    private final Throttle throttle;
    private int selectedDb;
    private int nextKeyless;
    private volatile long ops;

    private RedisSide(String role, RedisEndpoint endpoint, List<Node> nodes, SlotMap slots,
                      Map<ClusterNode, Node> byOwner, Throttle throttle) {
        this.role = role;
        this.endpoint = endpoint;
        this.nodes = nodes;
        this.slots = slots;
        this.byOwner = byOwner;
        this.throttle = throttle;
    }

    /** @param throttle paces the keys read through this connection (and any other sharing it) */
    static RedisSide connect(String role, RedisEndpoint endpoint, RedisConnections connections, Throttle throttle) {
        RedisSide given = open(role, endpoint, connections, throttle);
        SlotMap slots;
        try {
            slots = given.clusterSlots();
        } catch (VerificationFailedException e) {
            given.close();
            throw e;
        }
        if (slots == null) {
            return given;
        }
        given.close();
        List<Node> nodes = new ArrayList<>();
        Map<ClusterNode, Node> byOwner = new HashMap<>();
        try {
            for (ClusterNode primary : slots.primaries()) {
                RedisEndpoint at = new RedisEndpoint(primary.host(), primary.port(), endpoint.tls(),
                        endpoint.username(), endpoint.password());
                Node node = open(role, at, connections, throttle).nodes.get(0);
                nodes.add(node);
                byOwner.put(primary, node);
            }
        } catch (RuntimeException e) {
            nodes.forEach(node -> node.connection().close());
            throw e;
        }
        return new RedisSide(role, endpoint, List.copyOf(nodes), slots, byOwner, throttle);
    }

    private static RedisSide open(String role, RedisEndpoint endpoint, RedisConnections connections, Throttle throttle) {
        Connection connection;
        try {
            connection = connections.openRaw(role, endpoint, READ_TIMEOUT_MILLIS);
        } catch (RedisUnavailableException e) {
            throw new VerificationFailedException(e.getMessage(), e);
        }
        RedisSide side = new RedisSide(role, endpoint, List.of(new Node(endpoint.address(), connection)), null,
                Map.of(), throttle);
        try {
            side.call(Command.PING); // a server that wants a password we did not give says so here
            return side;
        } catch (VerificationFailedException e) {
            side.close();
            throw e;
        }
    }

    /** The slot map when this server is a cluster node ({@code cluster_enabled:1}), else null. */
    private SlotMap clusterSlots() {
        if (!info("cluster").contains("cluster_enabled:1")) {
            return null;
        }
        List<?> reply = Replies.list(call(Command.CLUSTER, Replies.bytes("SLOTS")));
        return SlotMap.parse(reply, endpoint.host()).orElseThrow(() -> new VerificationFailedException("the "
                + role + " " + endpoint.display() + " is a Redis Cluster that does not serve every slot; repair it"
                + " (cluster_state:ok) and verify again", null));
    }

    String role() {
        return role;
    }

    /** Whether this side is a Redis Cluster, read through one connection per primary. */
    boolean cluster() {
        return slots != null;
    }

    long ops() {
        return ops;
    }

    /** Waits until {@code keys} more keys may be read from this server (see {@link Throttle}). */
    void pace(int keys) {
        throttle.acquire(keys);
    }

    /** One command; an error reply (WRONGTYPE, NOPERM...) ends the verification. */
    Object call(Command command, byte[]... args) {
        counted(1);
        Connection connection = nodeFor(new Cmd(command, args)).connection();
        try {
            connection.sendCommand(command, args);
            return connection.getOne();
        } catch (JedisException e) {
            throw failure(command, e);
        }
    }

    /**
     * Sends the commands in one round trip per server. Each reply is the raw value, or the {@link JedisDataException}
     * of that command (a key that changed type in between, say): the caller decides what an error means.
     */
    List<Object> pipeline(List<Cmd> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        counted(commands.size());
        if (nodes.size() == 1) {
            return pipeline(nodes.get(0), commands);
        }
        Map<Node, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            positions.computeIfAbsent(nodeFor(commands.get(i)), n -> new ArrayList<>()).add(i);
        }
        Object[] replies = new Object[commands.size()];
        positions.forEach((node, indexes) -> {
            List<Object> nodeReplies = pipeline(node, indexes.stream().map(commands::get).toList());
            for (int i = 0; i < indexes.size(); i++) {
                replies[indexes.get(i)] = nodeReplies.get(i);
            }
        });
        return Arrays.asList(replies);
    }

    private List<Object> pipeline(Node node, List<Cmd> commands) {
        try {
            // written into the connection's buffer, sent on the first read: no per-command response objects
            for (Cmd cmd : commands) {
                node.connection().sendCommand(cmd.command(), cmd.args());
            }
            return node.connection().getMany(commands.size());
        } catch (JedisException e) {
            throw failure(commands.get(0).command(), e);
        }
    }

    /**
     * One page of {@code SCAN cursor options...}: {@code [next cursor, keys]}, "0" when done. On a cluster the cursor
     * also says which primary is being walked ({@code <primary index>-<its cursor>}), so the walk covers each in turn.
     */
    List<Object> scan(byte[] cursor, byte[]... options) {
        String text = new String(cursor, StandardCharsets.UTF_8);
        int dash = text.indexOf('-');
        int index = dash < 0 ? 0 : Integer.parseInt(text.substring(0, dash));
        byte[] nodeCursor = dash < 0 ? cursor : Replies.bytes(text.substring(dash + 1));
        byte[][] args = new byte[options.length + 1][];
        args[0] = nodeCursor;
        System.arraycopy(options, 0, args, 1, options.length);
        List<Object> page = pipeline(nodes.get(index), List.of(new Cmd(Command.SCAN, args)));
        counted(1);
        List<Object> reply = Replies.list(valueOf(page.get(0)));
        byte[] next = (byte[]) reply.get(0);
        boolean nodeDone = next.length == 1 && next[0] == '0';
        if (nodes.size() == 1 || (nodeDone && index == nodes.size() - 1)) {
            return reply;
        }
        String nextCursor = nodeDone ? (index + 1) + "-0" : index + "-" + new String(next, StandardCharsets.UTF_8);
        return List.of(Replies.bytes(nextCursor), reply.get(1));
    }

    /** Keys and keys with a TTL per database ({@code INFO keyspace}), summed over a cluster's primaries. */
    Map<Integer, DbKeyCount> keyspace() {
        Map<Integer, DbKeyCount> total = new TreeMap<>();
        keyspaceByNode().values().forEach(counts -> counts.forEach((db, count) -> total.merge(db, count,
                (a, b) -> new DbKeyCount(a.keys() + b.keys(), a.expires() + b.expires()))));
        return total;
    }

    /** {@code INFO keyspace} of each server of this side, by {@code host:port}. */
    Map<String, Map<Integer, DbKeyCount>> keyspaceByNode() {
        Map<String, Map<Integer, DbKeyCount>> byNode = new LinkedHashMap<>();
        for (Node node : nodes) {
            Object reply = pipeline(node, List.of(new Cmd(Command.INFO, Replies.bytes("keyspace")))).get(0);
            counted(1);
            byNode.put(node.address(), KeyCounts.parse(new String((byte[]) valueOf(reply), StandardCharsets.UTF_8)));
        }
        return byNode;
    }

    /**
     * A reply of {@link #pipeline}: the value, or {@link KeyChangedException} when the key changed type or vanished
     * between two commands (a live source); any other error reply (NOPERM, unknown command...) ends the verification.
     */
    Object valueOf(Object reply) {
        if (reply instanceof JedisDataException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("WRONGTYPE") || message.startsWith("ERR no such key")) {
                throw new KeyChangedException();
            }
            throw failure(null, e);
        }
        return reply;
    }

    /** Selects the database on every server of this side; a cluster has db0 only. */
    void select(int db) {
        if (db == selectedDb) {
            return;
        }
        if (slots != null) {
            throw new VerificationFailedException("the " + role + " " + endpoint.display() + " is a Redis Cluster,"
                    + " which has db0 only; db" + db + " cannot be read there", null);
        }
        call(Command.SELECT, Replies.bytes(Integer.toString(db)));
        selectedDb = db;
    }

    String info(String section) {
        return new String((byte[]) call(Command.INFO, Replies.bytes(section)), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        nodes.forEach(node -> node.connection().close());
    }

    /** The server a command goes to: its key's primary, the first server for a keyless one, or each in turn. */
    private Node nodeFor(Cmd cmd) {
        if (slots == null) {
            return nodes.get(0);
        }
        byte[] key = cmd.key();
        if (key != null) {
            return byOwner.get(slots.ownerOf(key));
        }
        if (cmd.command() == Command.RANDOMKEY) {
            nextKeyless = (nextKeyless + 1) % nodes.size();
            return nodes.get(nextKeyless);
        }
        return nodes.get(0);
    }

    private void counted(int n) {
        ops += n;
        if (Thread.currentThread().isInterrupted()) {
            throw new VerificationFailedException("verification interrupted", null);
        }
    }

    private VerificationFailedException failure(Command command, JedisException e) {
        return new VerificationFailedException("cannot read the " + role + " " + endpoint.display()
                + (command == null ? "" : " (" + command + ")") + ": " + oneLine(e), e);
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
