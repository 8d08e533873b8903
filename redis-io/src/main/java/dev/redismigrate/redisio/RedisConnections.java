package dev.redismigrate.redisio;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

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
        } catch (JedisConnectionException e) {
            throw new RedisUnavailableException("cannot reach " + role + " " + endpoint.display() + ": " + rootMessage(e), e);
        } catch (JedisDataException e) {
            throw new RedisUnavailableException(role + " " + endpoint.display() + " refused the credentials: "
                    + e.getMessage(), e);
        }
    }

    private JedisClientConfig config(RedisEndpoint endpoint) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .socketTimeoutMillis(READ_TIMEOUT_MILLIS)
                .ssl(endpoint.tls());
        secrets.resolve(endpoint.password()).ifPresent(password -> config.user(endpoint.username()).password(password));
        return config.build();
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
