package dev.redismigrate.redisio.verify;

import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.Protocol.Command;

/**
 * The fast path of a value comparison: {@code DUMP} on both sides, one bulk reply per key instead of a value decoded
 * element by element. A DUMP payload is the value's RDB encoding followed by the RDB version and a CRC64, so two equal
 * payloads are two equal values; unequal ones prove nothing (another encoding, another hash table order, another RDB
 * version) and go to the type-wise comparison. Once the two sides are seen to write different RDB versions, or a side
 * refuses DUMP (an ACL without it, say), no payload can ever match and the fast path stops asking.
 */
final class DumpPayloads {
    /** The payload ends with the RDB version (2 bytes, little-endian) and the CRC64 (8 bytes). */
    private static final int TRAILER_BYTES = 10;

    private boolean usable = true;

    boolean usable() {
        return usable;
    }

    /**
     * The keys whose values are not known equal by their payloads; with the fast path unusable, all of them.
     *
     * @param keyOf the key of each item
     */
    <T> List<T> notProvenEqual(BothSides sides, int db, List<T> items, Function<T, byte[]> keyOf) {
        if (!usable || items.isEmpty()) {
            return items;
        }
        List<Cmd> dumps = new ArrayList<>(items.size());
        for (T item : items) {
            dumps.add(new Cmd(Command.DUMP, keyOf.apply(item)));
        }
        BothSides.SideReplies replies = sides.pipeline(db, dumps);
        List<T> rest = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object s = replies.source().get(i);
            Object t = replies.target().get(i);
            if (s instanceof byte[] sourcePayload && t instanceof byte[] targetPayload) {
                if (Arrays.equals(sourcePayload, targetPayload)) {
                    continue;
                }
                if (rdbVersion(sourcePayload) != rdbVersion(targetPayload)) {
                    usable = false;
                }
            } else if (s instanceof Exception || t instanceof Exception) {
                usable = false; // an error reply: DUMP refused
            }
            rest.add(items.get(i)); // a key gone meanwhile: the type-wise read says so
        }
        return rest;
    }

    static int rdbVersion(byte[] payload) {
        if (payload.length < TRAILER_BYTES) {
            return -1;
        }
        int at = payload.length - TRAILER_BYTES;
        return (payload[at] & 0xff) | (payload[at + 1] & 0xff) << 8;
    }
}
