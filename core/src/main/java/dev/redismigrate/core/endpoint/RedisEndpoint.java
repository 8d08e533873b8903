package dev.redismigrate.core.endpoint;

import java.util.Objects;

/**
 * How to reach one Redis: host, port, TLS, ACL user (null for the default user) and where its password comes from.
 * {@link #toString()} and {@link #display()} never show a secret.
 */
public record RedisEndpoint(String host, int port, boolean tls, String username, SecretRef password) {
    public RedisEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        password = password == null ? new SecretRef.None() : password;
    }

    public static RedisEndpoint of(String host, int port) {
        return new RedisEndpoint(host, port, false, null, new SecretRef.None());
    }

    public RedisEndpoint withPassword(SecretRef ref) {
        return new RedisEndpoint(host, port, tls, username, ref);
    }

    /** {@code redis://user@host:port} without the password: safe for logs, tables and stores. */
    public String display() {
        return (tls ? "rediss://" : "redis://") + (username == null ? "" : username + "@") + host + ":" + port;
    }

    /** Same host and port: the key the target lock and the "one task per target" rule use. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return display();
    }
}
