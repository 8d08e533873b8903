package dev.redismigrate.redisio;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import java.util.function.Function;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Short-lived connections for one-off steps (lock, parameters): opened, used, closed. Every wait is bounded, the
 * password is resolved only here, and a connection that cannot be made ends in one line naming the endpoint.
 */
public final class RedisConnections {
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private final SecretResolver secrets;

    public RedisConnections(SecretResolver secrets) {
        this.secrets = secrets;
    }

    /**
     * Runs {@code work} on a new connection to {@code endpoint}; {@code role} ("source", "target") names it in errors.
     * Server replies to commands ({@link JedisDataException}) reach {@code work} unchanged, since only the caller
     * knows whether a refusal is fatal.
     */
    public <T> T call(String role, RedisEndpoint endpoint, Function<Jedis, T> work) {
        try (Jedis redis = open(role, endpoint)) {
            return work.apply(redis);
        } catch (JedisConnectionException e) {
            throw new RedisUnavailableException("lost the connection to " + role + " " + endpoint.display() + ": "
                    + rootMessage(e), e);
        }
    }

    private Jedis open(String role, RedisEndpoint endpoint) {
        try {
            // The Jedis constructor connects and authenticates at once.
            return new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config(endpoint));
        } catch (JedisConnectionException | JedisDataException e) {
            throw unavailable(role, endpoint, e);
        }
    }

    /**
     * A long-lived connection for raw commands (verification), closed by the caller. It speaks RESP2 on every version:
     * a bare Jedis 8 {@code Connection} would switch 6.0+ servers to RESP3, which reshapes raw replies (maps, pairs).
     */
    public Connection openRaw(String role, RedisEndpoint endpoint, int readTimeoutMillis) {
        JedisClientConfig config = builder(endpoint)
                .socketTimeoutMillis(readTimeoutMillis)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
        try {
            return new Connection(new HostAndPort(endpoint.host(), endpoint.port()), config);
        } catch (JedisConnectionException | JedisDataException e) {
            throw unavailable(role, endpoint, e);
        }
    }

    private static RedisUnavailableException unavailable(String role, RedisEndpoint endpoint, JedisException e) {
        if (e instanceof JedisDataException) {
            return new RedisUnavailableException(role + " " + endpoint.display() + " refused the credentials: "
                    + e.getMessage(), e);
        }
        return new RedisUnavailableException("cannot reach " + role + " " + endpoint.display() + ": " + rootMessage(e), e);
    }

    private JedisClientConfig config(RedisEndpoint endpoint) {
        return builder(endpoint).build();
    }

    private DefaultJedisClientConfig.Builder builder(RedisEndpoint endpoint) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .socketTimeoutMillis(READ_TIMEOUT_MILLIS)
                .ssl(endpoint.tls())
                .autoNegotiateProtocol(false); // RESP2 without HELLO: every version from 2.8 speaks it
        secrets.resolve(endpoint.password()).ifPresent(password -> config.user(endpoint.username()).password(password));
        return config;
    }

    /**
     * "Connection refused" rather than Jedis's "Failed to connect to 127.0.0.1:6379.": the deepest message, following
     * causes and the suppressed exceptions Jedis collects per address tried.
     */
    private static String rootMessage(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause()
                : t.getSuppressed().length > 0 ? t.getSuppressed()[0] : null) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
    }
}
