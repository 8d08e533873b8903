package dev.redismigrate.redisio.probe;

import dev.redismigrate.core.validation.InstanceFacts.CommandAccess;
import dev.redismigrate.core.validation.InstanceFacts.SyncAccess;
import dev.redismigrate.core.validation.ServerVersion;
import java.util.Locale;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Would the source let this user replicate? Found out without ever starting a sync:
 * <ul>
 * <li>renamed or disabled: the command sent with the wrong number of arguments. Redis checks that a command exists
 * and its arity before anything else, so "wrong number of arguments" proves it is there and "unknown command" that
 * it is not (every version from 2.8);</li>
 * <li>ACL, Redis 7+: {@code ACL DRYRUN user PSYNC ? -1} answers without running anything (needs permission for
 * ACL DRYRUN; without it the answer is UNKNOWN, since 7 refuses PSYNC inside MULTI before it checks ACL);</li>
 * <li>ACL, Redis 6.x: PSYNC inside {@code MULTI} is checked against ACL when queued and never runs, since the
 * transaction is discarded.</li>
 * </ul>
 */
final class SyncPermission {
    private static final ProtocolCommand PSYNC = command("PSYNC");
    private static final ProtocolCommand SYNC = command("SYNC");
    private static final ProtocolCommand MULTI = command("MULTI");
    private static final ProtocolCommand DISCARD = command("DISCARD");
    private static final ProtocolCommand ACL = command("ACL");

    private SyncPermission() {
    }

    static SyncAccess probe(Jedis jedis, ServerVersion version, String username) {
        String user = version != null && version.atLeast(6, 0) ? (username == null ? "default" : username) : null;
        CommandAccess psync = exists(jedis, PSYNC) ? CommandAccess.ALLOWED : CommandAccess.RENAMED;
        CommandAccess sync = exists(jedis, SYNC, "x") ? CommandAccess.ALLOWED : CommandAccess.RENAMED;
        if (user == null) {
            return new SyncAccess(psync, sync, null);
        }
        if (psync == CommandAccess.ALLOWED) {
            psync = aclAllows(jedis, version, user, "PSYNC", "?", "-1");
        }
        if (sync == CommandAccess.ALLOWED) {
            sync = aclAllows(jedis, version, user, "SYNC");
        }
        return new SyncAccess(psync, sync, user);
    }

    private static boolean exists(Jedis jedis, ProtocolCommand command, String... wrongArity) {
        try {
            jedis.sendCommand(command, wrongArity);
            return true; // cannot happen: the arity is wrong on purpose
        } catch (JedisDataException e) {
            return !lower(e).contains("unknown command");
        }
    }

    private static CommandAccess aclAllows(Jedis jedis, ServerVersion version, String user, String... command) {
        if (version.atLeast(7, 0)) {
            String[] args = new String[command.length + 2];
            args[0] = "DRYRUN";
            args[1] = user;
            System.arraycopy(command, 0, args, 2, command.length);
            try {
                String answer = SafeEncoder.encode((byte[]) jedis.sendCommand(ACL, args));
                return answer.equalsIgnoreCase("OK") ? CommandAccess.ALLOWED
                        : answer.toLowerCase(Locale.ROOT).contains("no permissions") ? CommandAccess.DENIED
                        : CommandAccess.UNKNOWN;
            } catch (JedisDataException | ClassCastException e) {
                return CommandAccess.UNKNOWN;
            }
        }
        try {
            jedis.sendCommand(MULTI);
        } catch (JedisDataException e) {
            return CommandAccess.UNKNOWN;
        }
        try {
            String[] args = new String[command.length - 1];
            System.arraycopy(command, 1, args, 0, args.length);
            jedis.sendCommand(command(command[0]), args);
            return CommandAccess.ALLOWED;
        } catch (JedisDataException e) {
            return lower(e).startsWith("noperm") ? CommandAccess.DENIED : CommandAccess.UNKNOWN;
        } finally {
            jedis.sendCommand(DISCARD);
        }
    }

    private static String lower(JedisDataException e) {
        return e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    }

    private static ProtocolCommand command(String name) {
        byte[] raw = SafeEncoder.encode(name);
        return () -> raw;
    }
}
