package dev.redismigrate.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of a redis.conf for one throwaway server. Each call adds a directive; the harness adds port, bind, dir and
 * disables persistence unless the test asks for it.
 */
public final class RedisServerConfig {
    private final List<String> lines = new ArrayList<>();
    private String password;

    public static RedisServerConfig defaults() {
        return new RedisServerConfig();
    }

    /** {@code requirepass}: the default user's password. */
    public RedisServerConfig password(String password) {
        this.password = password;
        return set("requirepass", password);
    }

    /** Any directive, e.g. {@code set("maxmemory-policy", "allkeys-lru")}. */
    public RedisServerConfig set(String directive, String value) {
        lines.add(directive + " " + quote(value));
        return this;
    }

    /** {@code rename-command NAME NEW}; an empty new name disables the command. */
    public RedisServerConfig renameCommand(String command, String newName) {
        lines.add("rename-command " + command + " " + quote(newName));
        return this;
    }

    /** An ACL user line (Redis 6+), e.g. {@code aclUser("app on >secret ~* +@all -psync -sync")}. */
    public RedisServerConfig aclUser(String rule) {
        lines.add("user " + rule);
        return this;
    }

    public RedisServerConfig replicaOf(String host, int port) {
        lines.add("slaveof " + host + " " + port);
        return this;
    }

    /** A raw line, for whatever the helpers above do not cover. */
    public RedisServerConfig line(String line) {
        lines.add(line);
        return this;
    }

    String password() {
        return password;
    }

    /** Whether {@code cluster-enabled yes} is among the lines: such a server also listens on its cluster bus port. */
    boolean clusterEnabled() {
        return lines.stream().map(line -> line.trim().split("\\s+"))
                .anyMatch(words -> words.length > 1 && words[0].equalsIgnoreCase("cluster-enabled")
                        && words[1].replace("\"", "").equalsIgnoreCase("yes"));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
