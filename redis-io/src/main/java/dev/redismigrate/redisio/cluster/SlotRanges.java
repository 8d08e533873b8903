package dev.redismigrate.redisio.cluster;

import java.util.BitSet;
import java.util.StringJoiner;

/**
 * A set of slots written as its ranges of consecutive slots, in slot order: {@code 0-5460}, or {@code 0-5460,10923}
 * for a primary that also serves slot 10923 alone. The form of a shard's slots wherever they are named
 * ({@code SyncShard.slots}); the first range names the shard ({@code SyncShard.id}, its checkpoint {@code <task>/<id>}).
 */
public final class SlotRanges {
    private SlotRanges() {
    }

    /** Every range of {@code slots}: {@code 0-5460,10923}. */
    public static String of(BitSet slots) {
        StringJoiner ranges = new StringJoiner(",");
        for (int first = slots.nextSetBit(0); first >= 0; first = slots.nextSetBit(slots.nextClearBit(first))) {
            ranges.add(range(slots, first));
        }
        return ranges.toString();
    }

    /** The first range of {@code slots}, which names a shard: {@code 0-5460}. */
    public static String first(BitSet slots) {
        return range(slots, slots.nextSetBit(0));
    }

    /** The range of consecutive slots that starts at {@code first}. */
    private static String range(BitSet slots, int first) {
        int last = slots.nextClearBit(first) - 1;
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
