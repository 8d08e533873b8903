package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * ElastiCache's own hand on one real server: a direct connection (never through the proxy) that applies what the
 * API changed. On servers with ACLs it works as a user of its own, so replacing the default user or setting an AUTH
 * token never locks it out; that user is the one thing the emulation adds to the server's ACL list.
 */
final class ServerAdmin {
    static final String ADMIN_USER = "elasticache-admin";

    private final RedisServer server;
    private final boolean acl;
    private final String adminPassword = UUID.randomUUID().toString();
    /** Without ACLs: the server's requirepass once the emulation set one (the default user's password). */
    private String authToken;

    ServerAdmin(RedisServer server) {
        this.server = server;
        this.acl = server.version().atLeast6();
        if (acl) {
            try (Jedis jedis = server.client()) {
                jedis.sendCommand(Protocol.Command.ACL, "SETUSER", ADMIN_USER, "reset", "on", ">" + adminPassword,
                        "allkeys", "allchannels", "allcommands");
            }
        }
    }

    /** True when the server has ACL users (Redis 6+), which RBAC needs. */
    boolean hasAcl() {
        return acl;
    }

    /** The server's INFO server section. */
    String info() {
        try (Jedis jedis = connect()) {
            return jedis.info("server");
        }
    }

    /**
     * A cluster node announces {@code host:port} (its proxy) instead of its own address: CLUSTER SLOTS, NODES and
     * SHARDS and MOVED/ASK redirections then name the proxies, as ElastiCache's nodes name their endpoints. The
     * cluster bus keeps the node's own bus port.
     */
    void announce(String host, int port) {
        try (Jedis jedis = connect()) {
            jedis.configSet("cluster-announce-ip", host, "cluster-announce-port", Integer.toString(port));
        }
    }

    /** AUTH token: the default user's password ({@code requirepass}). */
    void requirePass(String token) {
        try (Jedis jedis = connect()) {
            jedis.configSet("requirepass", token);
        }
        authToken = token;
    }

    /**
     * Makes the server's ACL user {@code userName} exactly this: {@code reset}, the access string's rules, and the
     * password (none: {@code nopass}). ACL SETUSER applies to the user's open connections at once.
     */
    void setUser(String userName, List<String> rules, String password) {
        List<String> args = new ArrayList<>(List.of("SETUSER", userName, "reset"));
        args.addAll(rules);
        args.add(password == null ? "nopass" : ">" + password);
        try (Jedis jedis = connect()) {
            jedis.sendCommand(Protocol.Command.ACL, args.toArray(String[]::new));
        } catch (JedisDataException e) {
            // the engine names the rule it rejects, never the password (that one is always well formed)
            throw ApiFaults.invalidParameter("The engine rejects the access string of " + userName + ": "
                    + e.getMessage());
        }
    }

    /** Removes the user (and its connections); the default user cannot go, so it is switched off instead. */
    void removeUser(String userName) {
        try (Jedis jedis = connect()) {
            if ("default".equals(userName)) {
                jedis.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "reset");
            } else {
                jedis.sendCommand(Protocol.Command.ACL, "DELUSER", userName);
            }
        }
    }

    /** A new direct connection with the emulation's own rights; the caller closes it. */
    Jedis connect() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000).socketTimeoutMillis(10000).autoNegotiateProtocol(false);
        if (acl) {
            config.user(ADMIN_USER).password(adminPassword);
        } else if (authToken != null) {
            config.password(authToken);
        } else {
            return server.client();
        }
        return new Jedis(new HostAndPort(server.host(), server.port()), config.build());
    }
}
