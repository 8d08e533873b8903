package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.RedisUnavailableException;
import dev.redismigrate.redisio.cluster.SlotMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * <p>A side that is a Redis Cluster (any node may be given) is one connection per primary ({@link ClusterNodes}):
 * each command goes to the primary serving its key's slot (a batch is split by primary and its replies put back in
 * order; a reshard or failover meanwhile is followed), RANDOMKEY to the primaries in turn, {@link #scan} walks every
 * primary, {@link #keyspace} sums them.
 */
final class RedisSide implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    /** One command of a pipelined batch. */
    record Cmd(Command command, byte[]... args) {
        /** The key the command reads, or null for a command without one. */
        byte[] key() {
            if (args.length == 0 || command == Command.RANDOMKEY || command == Command.INFO || command == Command.PING
                    || command == Command.SELECT || command == Command.SCAN || command == Command.CLUSTER) {
                return null;
            }
            // MEMORY USAGE key, XINFO STREAM|GROUPS key: a subcommand first
            return command == Command.MEMORY || command == Command.XINFO ? args[1] : args[0];
        }
    }

    /** One server of this side: the only one, or one primary of a cluster. */
    record Node(String address, Connection connection) {
    }

    private final String role;
    private final RedisEndpoint endpoint;
    /** The server of a side of one server; null for a cluster. */
    private final Node single;
    /** The primaries of a cluster; null for a side of one server. */
    private ClusterNodes cluster;
    private final Throttle throttle;
    private int selectedDb;
    private volatile long ops;
    /** {@code INFO keyspace} of each primary as last read by {@link #keyspace}. */
    private Map<String, Map<Integer, DbKeyCount>> lastByNode = Map.of();

    private RedisSide(String role, RedisEndpoint endpoint, Node single, Throttle throttle) {
        this.role = role;
        this.endpoint = endpoint;
        this.single = single;
        this.throttle = throttle;
    }

    /** @param throttle paces the keys read through this connection (and any other sharing it) */
    static RedisSide connect(String role, RedisEndpoint endpoint, RedisConnections connections, Throttle throttle) {
        return connect(role, endpoint, connections, throttle, Retry.Sleeper.REAL);
    }

    /** @param sleeper waits between the rounds of following a cluster's redirects */
    static RedisSide connect(String role, RedisEndpoint endpoint, RedisConnections connections, Throttle throttle,
                             Retry.Sleeper sleeper) {
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
        RedisSide side = new RedisSide(role, endpoint, null, throttle);
        List<Node> opened = new ArrayList<>();
        try {
            side.cluster = new ClusterNodes("the " + role + " " + endpoint.display(), slots, primary -> {
                Node node = open(role, primary.reachedAs(endpoint), connections, throttle).single;
                opened.add(node);
                return node;
            }, side::pipeline, sleeper);
        } catch (RuntimeException e) {
            opened.forEach(node -> node.connection().close());
            throw e;
        }
        return side;
    }

    private static RedisSide open(String role, RedisEndpoint endpoint, RedisConnections connections, Throttle throttle) {
        Connection connection;
        try {
            connection = connections.openRaw(role, endpoint, READ_TIMEOUT_MILLIS);
        } catch (RedisUnavailableException e) {
            throw new VerificationFailedException(e.getMessage(), e);
        }
        RedisSide side = new RedisSide(role, endpoint, new Node(endpoint.address(), connection), throttle);
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
        return cluster != null;
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
        Object reply = pipeline(List.of(new Cmd(command, args))).get(0);
        if (reply instanceof JedisDataException e) {
            throw failure(command, e);
        }
        return reply;
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
        return cluster == null ? pipeline(single, commands) : cluster.pipeline(commands);
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
     * also says which node is being walked ({@code <node>-<its cursor>}, the node's place among those connected to),
     * so the walk covers each primary in turn: those that serve slots when the walk reaches them, and at its end those
     * that became primaries meanwhile (the slot map is read again then). A key moved by a reshard from a primary not
     * yet walked to one already walked is not seen by that walk ({@link #keysOfSlotsMovedSince} finds it); one moved
     * the other way may be seen twice.
     */
    List<Object> scan(byte[] cursor, byte[]... options) {
        String text = new String(cursor, StandardCharsets.UTF_8);
        int dash = text.indexOf('-');
        int index = dash < 0 ? (cluster == null ? 0 : walkFrom(0)) : Integer.parseInt(text.substring(0, dash));
        byte[] nodeCursor = dash < 0 ? cursor : Replies.bytes(text.substring(dash + 1));
        byte[][] args = new byte[options.length + 1][];
        args[0] = nodeCursor;
        System.arraycopy(options, 0, args, 1, options.length);
        Node node = cluster == null ? single : cluster.opened().get(index);
        List<Object> page = pipeline(node, List.of(new Cmd(Command.SCAN, args)));
        counted(1);
        List<Object> reply = Replies.list(valueOf(page.get(0)));
        if (cluster == null) {
            return reply;
        }
        byte[] next = (byte[]) reply.get(0);
        if (!(next.length == 1 && next[0] == '0')) {
            return List.of(Replies.bytes(index + "-" + new String(next, StandardCharsets.UTF_8)), reply.get(1));
        }
        int nextNode = walkFrom(index + 1);
        if (nextNode < 0) {
            cluster.refresh(); // primaries that took slots over during the walk are walked too
            nextNode = walkFrom(index + 1);
        }
        return List.of(Replies.bytes(nextNode < 0 ? "0" : nextNode + "-0"), reply.get(1));
    }

    /** A mark for {@link #keysOfSlotsMovedSince}: how many slot moves this side has seen (0 for one server). */
    int slotMoves() {
        return cluster == null ? 0 : cluster.moves();
    }

    /**
     * Every key of each slot seen moving since {@code mark} ({@code CLUSTER GETKEYSINSLOT} on the slot's primary now,
     * all of the slot's keys at once: a slot holds a 16384th of the keys, unless hash tags crowd it): what a walk
     * during a reshard may have missed. Empty for a side of one server, or when no slot moved.
     */
    List<byte[]> keysOfSlotsMovedSince(int mark) {
        if (cluster == null) {
            return List.of();
        }
        List<byte[]> keys = new ArrayList<>();
        cluster.movedSince(mark).forEach((slot, owner) -> {
            byte[] slotArg = Replies.bytes(Integer.toString(slot));
            Object count = valueOf(pipeline(owner, List.of(new Cmd(Command.CLUSTER, Replies.bytes("COUNTKEYSINSLOT"),
                    slotArg))).get(0));
            Object found = valueOf(pipeline(owner, List.of(new Cmd(Command.CLUSTER, Replies.bytes("GETKEYSINSLOT"),
                    slotArg, Replies.bytes(Long.toString(Replies.number(count)))))).get(0));
            counted(2);
            Replies.list(found).forEach(key -> keys.add((byte[]) key));
        });
        return keys;
    }

    /** The first node from {@code index} on that serves slots now; -1 when none does. */
    private int walkFrom(int index) {
        List<Node> opened = cluster.opened();
        for (int i = index; i < opened.size(); i++) {
            if (cluster.isPrimary(opened.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Keys and keys with a TTL per database ({@code INFO keyspace}), summed over a cluster's primaries (those serving
     * slots now: the slot map is read again first, so a replica promoted meanwhile counts and its old primary not).
     */
    Map<Integer, DbKeyCount> keyspace() {
        if (cluster != null) {
            cluster.refresh();
        }
        List<Node> servers = cluster == null ? List.of(single) : cluster.primaries();
        Map<String, Map<Integer, DbKeyCount>> byNode = new LinkedHashMap<>();
        for (Node node : servers) {
            Object reply = pipeline(node, List.of(new Cmd(Command.INFO, Replies.bytes("keyspace")))).get(0);
            counted(1);
            byNode.put(node.address(), KeyCounts.parse(new String((byte[]) valueOf(reply), StandardCharsets.UTF_8)));
        }
        lastByNode = byNode;
        Map<Integer, DbKeyCount> total = new TreeMap<>();
        byNode.values().forEach(counts -> counts.forEach((db, count) -> total.merge(db, count, DbKeyCount::plus)));
        return total;
    }

    /**
     * For a cluster, {@code INFO keyspace} of each primary by {@code host:port} at the last {@link #keyspace}
     * reading (what its sum came from); empty for a side of one server.
     */
    Map<String, Map<Integer, DbKeyCount>> keyspaceByNode() {
        return cluster == null ? Map.of() : lastByNode;
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
        if (cluster != null) {
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
        if (cluster == null) {
            single.connection().close();
        } else {
            cluster.close();
        }
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
