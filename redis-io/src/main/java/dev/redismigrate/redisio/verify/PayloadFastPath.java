package dev.redismigrate.redisio.verify;

import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Protocol.Command;

/**
 * The first look at a batch of keys: {@code PTTL} and {@code MEMORY USAGE} on both sides in one round trip, then the
 * {@code DUMP} payloads of the values small enough on both in a second. A key that exists on both sides, with TTLs that
 * agree and equal payloads, is equal: three commands a key instead of the TYPE, PTTL, size and DUMP of the full
 * comparison, which the other keys go on to (missing on a side, TTLs apart, big, payloads different: it says what
 * differs). A server without MEMORY USAGE (before 4.0) or refusing it, or payloads that can never match
 * ({@link DumpPayloads}), turn this path off for the rest of the verification.
 */
final class PayloadFastPath {
    /**
     * A value taking at most this much of a server's memory is DUMPed whole: its payload is about that size or smaller
     * (the memory counts the server's own overhead). 128 KiB leaves room for the 64 KiB strings read whole anyway.
     */
    static final long DUMP_MEMORY_BYTES = 128 * 1024;

    /** How many keys were found equal; the others, for the full comparison. */
    record Outcome(int equal, List<byte[]> rest) {
    }

    private record Small(byte[] key, long memory) {
    }

    private static final byte[] USAGE = Replies.bytes("USAGE");

    private final BothSides sides;
    private final DumpPayloads payloads;
    private final long ttlToleranceMillis;
    private boolean memoryUsage = true;

    PayloadFastPath(BothSides sides, DumpPayloads payloads, long ttlToleranceMillis) {
        this.sides = sides;
        this.payloads = payloads;
        this.ttlToleranceMillis = ttlToleranceMillis;
    }

    boolean usable() {
        return memoryUsage && payloads.usable();
    }

    Outcome compare(int db, List<byte[]> keys) {
        if (!usable() || keys.isEmpty()) {
            return new Outcome(0, keys);
        }
        List<Cmd> probe = new ArrayList<>(keys.size() * 2);
        for (byte[] key : keys) {
            probe.add(new Cmd(Command.PTTL, key));
            probe.add(new Cmd(Command.MEMORY, USAGE, key));
        }
        BothSides.SideReplies probed = sides.pipeline(db, probe);
        List<byte[]> rest = new ArrayList<>();
        List<Small> small = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Object sourceMemory = probed.source().get(2 * i + 1);
            Object targetMemory = probed.target().get(2 * i + 1);
            if (sourceMemory instanceof Exception || targetMemory instanceof Exception) {
                memoryUsage = false; // unknown command (before 4.0) or refused
                return new Outcome(0, keys);
            }
            Object sourceTtl = probed.source().get(2 * i);
            Object targetTtl = probed.target().get(2 * i);
            if (sourceMemory instanceof Long s && targetMemory instanceof Long t
                    && Math.max(s, t) <= DUMP_MEMORY_BYTES && bothLive(sourceTtl, targetTtl)) {
                small.add(new Small(keys.get(i), Math.max(s, t)));
            } else {
                rest.add(keys.get(i)); // gone on a side, TTLs apart or big: the full comparison says what it is
            }
        }
        int equal = 0;
        for (List<Small> part : KeyComparer.byReadSize(small, Small::memory)) {
            List<Small> differing = payloads.notProvenEqual(sides, db, part, Small::key);
            equal += part.size() - differing.size();
            differing.forEach(k -> rest.add(k.key()));
        }
        return new Outcome(equal, rest);
    }

    /** Both keys exist (PTTL -2: no such key) and their TTLs agree. */
    private boolean bothLive(Object sourceTtl, Object targetTtl) {
        return sourceTtl instanceof Long s && targetTtl instanceof Long t && s != -2 && t != -2
                && KeyComparer.compareTtl(s, t, ttlToleranceMillis) == null;
    }
}
