package dev.redismigrate.testkit.elasticache;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What ElastiCache refuses and the error it answers with. ElastiCache answers a restricted command as if the engine
 * did not have it (the engine's own "unknown command" error), and an ACL subcommand that changes users as an unknown
 * subcommand; both in the format of Redis OSS 6.2+ / Valkey (see docs/elasticache-emulation.md for the sources).
 */
final class RestrictedCommands {
    /** https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ClientConfig.RestrictedCommands.html, plus psync. */
    private static final Set<String> COMMANDS = Set.of("bgrewriteaof", "bgsave", "config", "debug", "migrate",
            "replicaof", "save", "slaveof", "shutdown", "sync", "psync");
    /** ACL subcommands that change users: ElastiCache manages users only through its API. */
    private static final Set<String> ACL_SUBCOMMANDS = Set.of("setuser", "deluser", "load", "save");
    /**
     * CLUSTER subcommands that change the topology: ElastiCache manages shards, slots and failovers through its API.
     * Assumed (the ElastiCache page lists none; MemoryDB's lists cluster addslot, delslot and setslot).
     */
    private static final Set<String> CLUSTER_SUBCOMMANDS = Set.of("addslots", "addslotsrange", "delslots",
            "delslotsrange", "setslot", "meet", "forget", "replicate", "failover", "reset", "flushslots", "bumpepoch",
            "set-config-epoch", "saveconfig");
    /** The engine truncates the name and the arguments it quotes to 128 bytes. */
    static final int QUOTED_LIMIT = 128;

    private RestrictedCommands() {
    }

    /** True when the command (any case) needs its first argument to decide: {@code ACL}, {@code CLUSTER}. */
    static boolean hasRestrictedSubcommands(String command) {
        return "acl".equalsIgnoreCase(command) || "cluster".equalsIgnoreCase(command);
    }

    static boolean refusesCommand(String command) {
        return COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    static boolean refusesSubcommand(String command, String subcommand) {
        Set<String> refused = "acl".equalsIgnoreCase(command) ? ACL_SUBCOMMANDS : CLUSTER_SUBCOMMANDS;
        return refused.contains(subcommand.toLowerCase(Locale.ROOT));
    }

    /**
     * The engine's reply to a command it does not have, e.g.
     * {@code ERR unknown command 'CONFIG', with args beginning with: 'GET' 'maxmemory' }.
     *
     * @param quotedArgs the arguments as the engine quotes them ({@code 'a' 'b' }), already cut at the limit
     */
    static String unknownCommand(String command, String quotedArgs) {
        return printable("ERR unknown command '" + cut(command) + "', with args beginning with: " + quotedArgs);
    }

    /** The engine's reply to an unknown subcommand, e.g. {@code ERR unknown subcommand 'setuser'. Try ACL HELP.} */
    static String unknownSubcommand(String command, String subcommand) {
        return printable("ERR unknown subcommand '" + cut(subcommand) + "'. Try "
                + command.toUpperCase(Locale.ROOT) + " HELP.");
    }

    /**
     * A command the server itself answers with exactly this error, so the reply keeps its place among the replies
     * to the pipelined commands around it.
     */
    static byte[] serverSideError(String error) {
        byte[] script = "return redis.error_reply(ARGV[1])".getBytes(StandardCharsets.US_ASCII);
        byte[] message = error.getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("*4\r\n$4\r\nEVAL\r\n$").append(script.length).append("\r\n");
        byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] middle = ("\r\n$1\r\n0\r\n$" + message.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] command = new byte[head.length + script.length + middle.length + message.length + 2];
        int at = 0;
        for (byte[] part : new byte[][] {head, script, middle, message, {'\r', '\n'}}) {
            System.arraycopy(part, 0, command, at, part.length);
            at += part.length;
        }
        return command;
    }

    private static String cut(String text) {
        return text.length() > QUOTED_LIMIT ? text.substring(0, QUOTED_LIMIT) : text;
    }

    /** The engine replaces line breaks in an error with spaces (a RESP error is one line). */
    private static String printable(String error) {
        return error.replace('\r', ' ').replace('\n', ' ');
    }
}
