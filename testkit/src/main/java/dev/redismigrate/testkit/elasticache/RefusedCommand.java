package dev.redismigrate.testkit.elasticache;

/**
 * One command the proxy refused, as ElastiCache would: its name in lower case ({@code config}, {@code acl setuser})
 * and the client's source address. Never its arguments (they may hold passwords).
 */
public record RefusedCommand(String command, String sourceAddress) {
}
