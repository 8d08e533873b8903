package dev.redismigrate.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Redis clients bound to a chosen loopback source address (any of 127.0.0.0/8 works on Linux), so a server or a
 * proxy can tell them apart: e.g. the migration on 127.0.0.1 and "the application" on 127.0.0.2.
 */
public final class LoopbackClients {
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final int SOCKET_TIMEOUT_MILLIS = 10000;

    private LoopbackClients() {
    }

    /** A connected client from {@code sourceAddress}; {@code user} and {@code password} may be null. */
    public static Jedis jedisFrom(String sourceAddress, String host, int port, String user, String password) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS).socketTimeoutMillis(SOCKET_TIMEOUT_MILLIS)
                .autoNegotiateProtocol(false);
        if (user != null) {
            config.user(user);
        }
        if (password != null) {
            config.password(password);
        }
        return new Jedis(boundSocket(sourceAddress, host, port), config.build());
    }

    /**
     * Closes a client whose connection was dropped (a fence, a deleted user): Jedis then fails to flush on close,
     * which says nothing the test does not know.
     */
    public static void closeDropped(Jedis client) {
        try {
            client.close();
        } catch (JedisConnectionException ignored) {
            // the connection is gone already
        }
    }

    private static JedisSocketFactory boundSocket(String sourceAddress, String host, int port) {
        return () -> {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                socket.bind(new InetSocketAddress(sourceAddress, 0));
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                return socket;
            } catch (IOException e) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
                throw new JedisConnectionException("cannot connect from " + sourceAddress + " to " + host + ":" + port, e);
            }
        };
    }
}
