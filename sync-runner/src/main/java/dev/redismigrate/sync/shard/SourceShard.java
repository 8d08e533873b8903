package dev.redismigrate.sync.shard;

import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.SlotMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One primary of a cluster source and the slots it serves: one replication sync of its own.
 *
 * @param slots the slots the primary served when the migration started (never changed afterwards)
 */
public record SourceShard(ClusterNode primary, BitSet slots) {
    /** Every primary's shard, in slot order. */
    public static List<SourceShard> of(SlotMap map) {
        Map<ClusterNode, BitSet> slots = new LinkedHashMap<>();
        for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
            slots.computeIfAbsent(map.owner(slot), node -> new BitSet(KeySlot.SLOTS)).set(slot);
        }
        List<SourceShard> shards = new ArrayList<>();
        slots.forEach((node, owned) -> shards.add(new SourceShard(node, owned)));
        return List.copyOf(shards);
    }

    /**
     * The shard's first slot range, e.g. {@code 0-5460}: its name in checkpoints, spool directories and events. It
     * survives a failover (which changes the primary, not the slots); ranges never overlap, so it is unique.
     */
    public String id() {
        return range(slots.nextSetBit(0));
    }

    /** Every slot range of the shard, e.g. {@code 0-5460,10923}: the form of {@code SyncShard.slots}. */
    public String ranges() {
        StringJoiner ranges = new StringJoiner(",");
        for (int first = slots.nextSetBit(0); first >= 0; first = slots.nextSetBit(slots.nextClearBit(first))) {
            ranges.add(range(first));
        }
        return ranges.toString();
    }

    /** Whether the shard serves exactly the slots {@code ranges} names ({@link #ranges()}' form, blanks allowed). */
    public boolean serves(String ranges) {
        BitSet named = new BitSet(KeySlot.SLOTS);
        for (String range : ranges.split(",")) {
            String[] bounds = range.strip().split("-", 2);
            try {
                int first = Integer.parseInt(bounds[0].strip());
                int last = bounds.length == 1 ? first : Integer.parseInt(bounds[1].strip());
                if (first < 0 || last < first || last >= KeySlot.SLOTS) {
                    return false;
                }
                named.set(first, last + 1);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return named.equals(slots);
    }

    /** The range of consecutive slots that starts at {@code first}. */
    private String range(int first) {
        int last = slots.nextClearBit(first) - 1;
        return first == last ? Integer.toString(first) : first + "-" + last;
    }

    @Override
    public String toString() {
        return id() + " (" + primary + ")";
    }
}
