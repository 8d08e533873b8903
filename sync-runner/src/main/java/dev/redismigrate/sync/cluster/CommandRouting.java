package dev.redismigrate.sync.cluster;

import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.sync.failure.SyncFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a command of a standalone source goes in a cluster. Most commands name their key first and go to its slot's
 * primary; commands whose keys may span slots go there too, and the cluster itself refuses them ({@code CROSSSLOT})
 * when they do, since no split could keep their meaning (RENAME, SUNIONSTORE, ...). The exceptions:
 * <ul>
 *   <li>split per slot, with the same result: {@code DEL UNLINK EXISTS TOUCH} (each key), {@code MSET} (key value
 *       pairs); {@code MSETNX} is split too, but its all-or-nothing check then holds per slot only, so such a split
 *       is marked {@link Routing.ToSlots#atomicityLost()} for the writer to count and report;</li>
 *   <li>keys elsewhere than first: {@code BITOP} (after the operation), scripts and functions ({@code EVAL EVALSHA
 *       FCALL}: after the key count);</li>
 *   <li>no key, applied on every primary: {@code FLUSHALL FLUSHDB FUNCTION SCRIPT};</li>
 *   <li>not applicable to a cluster at all (a {@link SyncFailure} of kind {@code TARGET_UNSUPPORTED}): database
 *       commands ({@code SELECT SWAPDB MOVE}: a cluster has only db 0), a script declaring no keys, a command without
 *       arguments.</li>
 * </ul>
 */
public final class CommandRouting {
    private static final Set<String> EACH_ARGUMENT_A_KEY = Set.of("DEL", "UNLINK", "EXISTS", "TOUCH");
    private static final Set<String> KEY_VALUE_PAIRS = Set.of("MSET", "MSETNX");
    private static final Set<String> SCRIPTS = Set.of("EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO");
    private static final Set<String> EVERY_PRIMARY = Set.of("FLUSHALL", "FLUSHDB", "FUNCTION", "SCRIPT");
    private static final Set<String> DATABASE_COMMANDS = Set.of("SELECT", "SWAPDB", "MOVE");
    /** Commands that may name more than one key (all in one slot, or the cluster refuses them). */
    private static final Set<String> SEVERAL_KEYS = Set.of("RENAME", "RENAMENX", "SMOVE", "LMOVE", "BLMOVE",
            "RPOPLPUSH", "BRPOPLPUSH", "COPY", "SUNIONSTORE", "SINTERSTORE", "SDIFFSTORE", "ZUNIONSTORE",
            "ZINTERSTORE", "ZDIFFSTORE", "ZRANGESTORE", "GEOSEARCHSTORE", "GEORADIUS", "GEORADIUSBYMEMBER", "SORT",
            "BITOP", "PFMERGE", "LMPOP", "ZMPOP", "BLMPOP", "BZMPOP");

    /** Where a command goes. */
    public sealed interface Routing {
        /** One part per slot, in the order the keys came; usually a single part. */
        record ToSlots(List<SlotCommand> parts, boolean atomicityLost) implements Routing {
        }

        /** Keyless: the same command on every primary. */
        record ToEveryPrimary(byte[][] args) implements Routing {
        }
    }

    /** A command (or the part of one) whose keys all hash to {@code slot}. */
    public record SlotCommand(int slot, byte[][] args) {
    }

    private CommandRouting() {
    }

    public static Routing route(byte[][] args) {
        String name = name(args);
        if (EVERY_PRIMARY.contains(name)) {
            return new Routing.ToEveryPrimary(args);
        }
        if (args.length < 2 || DATABASE_COMMANDS.contains(name)) {
            throw unroutable(name, args.length < 2 ? "it names no key" : "a cluster has only database 0");
        }
        if (EACH_ARGUMENT_A_KEY.contains(name)) {
            return split(args, 1);
        }
        if (KEY_VALUE_PAIRS.contains(name)) {
            Routing.ToSlots parts = split(args, 2);
            return new Routing.ToSlots(parts.parts(), name.equals("MSETNX") && parts.parts().size() > 1);
        }
        return single(args, keyIndex(name, args));
    }

    private static int keyIndex(String name, byte[][] args) {
        if (name.equals("BITOP") && args.length > 2) {
            return 2;
        }
        if (SCRIPTS.contains(name)) {
            if (args.length < 4 || Long.parseLong(new String(args[2], StandardCharsets.US_ASCII)) < 1) {
                throw unroutable(name, "a script that declares no keys has no slot");
            }
            return 3;
        }
        return 1;
    }

    private static Routing.ToSlots single(byte[][] args, int keyIndex) {
        return new Routing.ToSlots(List.of(new SlotCommand(KeySlot.of(args[keyIndex]), args)), false);
    }

    /** Groups {@code stride}-long runs of arguments (a key and its values) by the key's slot. */
    private static Routing.ToSlots split(byte[][] args, int stride) {
        Map<Integer, List<byte[]>> bySlot = new LinkedHashMap<>();
        for (int i = 1; i + stride <= args.length; i += stride) {
            bySlot.computeIfAbsent(KeySlot.of(args[i]), slot -> new ArrayList<>(List.of(args[0])))
                    .addAll(Arrays.asList(args).subList(i, i + stride));
        }
        if (bySlot.size() == 1) {
            return single(args, 1);
        }
        List<SlotCommand> parts = new ArrayList<>(bySlot.size());
        bySlot.forEach((slot, partArgs) -> parts.add(new SlotCommand(slot, partArgs.toArray(byte[][]::new))));
        return new Routing.ToSlots(parts, false);
    }

    /**
     * Whether a command routed to one slot may still name several keys: during a slot migration such a command can
     * be refused as a whole ({@code TRYAGAIN}) while a later single-key command on one of its keys succeeds, so a
     * writer must not let later commands of that slot overtake it.
     */
    public static boolean mayNameSeveralKeys(byte[][] args) {
        String name = name(args);
        return SEVERAL_KEYS.contains(name) || SCRIPTS.contains(name)
                || EACH_ARGUMENT_A_KEY.contains(name) && args.length > 2
                || KEY_VALUE_PAIRS.contains(name) && args.length > 3;
    }

    private static SyncFailure unroutable(String name, String reason) {
        return new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.TARGET_UNSUPPORTED,
                "cannot apply " + name + " of the source to a cluster: " + reason);
    }

    static String name(byte[][] args) {
        return new String(args[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
    }
}
