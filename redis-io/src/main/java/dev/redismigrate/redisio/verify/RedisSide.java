package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.RedisUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One connection to the source or the target, read-only, its reads of keys paced by a {@link Throttle}. Commands go
 * out as raw byte arrays and come back as raw replies (byte[], Long, List, null) so that no key or value is ever
 * decoded as text. A server that cannot be read ends the verification with one line naming the side and its address.
 */
final class RedisSide implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    /** One command of a pipelined batch. */
    record Cmd(Command command, byte[]... args) {
    }

    private final String role;
    private final RedisEndpoint endpoint;
    private final Connection connection;
    private final Throttle throttle;
    private int selectedDb;
    private volatile long ops;

    private RedisSide(String role, RedisEndpoint endpoint, Connection connection, Throttle throttle) {
        this.role = role;
        this.endpoint = endpoint;
        this.connection = connection;
        this.throttle = throttle;
    }

    /** @param throttle paces the keys read through this connection (and any other sharing it) */
    static RedisSide connect(String role, RedisEndpoint endpoint, RedisConnections connections, Throttle throttle) {
        Connection connection;
        try {
            connection = connections.openRaw(role, endpoint, READ_TIMEOUT_MILLIS);
        } catch (RedisUnavailableException e) {
            throw new VerificationFailedException(e.getMessage(), e);
        }
        RedisSide side = new RedisSide(role, endpoint, connection, throttle);
        try {
            side.call(Command.PING); // a server that wants a password we did not give says so here
            return side;
        } catch (VerificationFailedException e) {
            side.close();
            throw e;
        }
    }

    String role() {
        return role;
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
        try {
            connection.sendCommand(command, args);
            return connection.getOne();
        } catch (JedisException e) {
            throw failure(command, e);
        }
    }

    /**
     * Sends the commands in one round trip. Each reply is the raw value, or the {@link JedisDataException} of that
     * command (a key that changed type in between, say): the caller decides what an error means.
     */
    List<Object> pipeline(List<Cmd> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        counted(commands.size());
        try {
            // written into the connection's buffer, sent on the first read: no per-command response objects
            for (Cmd cmd : commands) {
                connection.sendCommand(cmd.command(), cmd.args());
            }
            return connection.getMany(commands.size());
        } catch (JedisException e) {
            throw failure(commands.get(0).command(), e);
        }
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

    void select(int db) {
        if (db != selectedDb) {
            call(Command.SELECT, Replies.bytes(Integer.toString(db)));
            selectedDb = db;
        }
    }

    String info(String section) {
        return new String((byte[]) call(Command.INFO, Replies.bytes(section)), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.close();
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
