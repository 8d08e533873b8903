package dev.redismigrate.sync.shard;

import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.redisio.cluster.SlotRanges;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One primary of a cluster source and the slots it serves: one replication sync of its own.
 *
 * @param slots the slots the primary served when the migration started (never changed afterwards)
 */
public record SourceShard(ClusterNode primary, BitSet slots) {
    /** Every primary's shard, in slot order. */
    public static List<SourceShard> of(SlotMap map) {
        List<SourceShard> shards = new ArrayList<>();
        map.slotsByPrimary().forEach((node, owned) -> shards.add(new SourceShard(node, owned)));
        return List.copyOf(shards);
    }

    /**
     * The shard's first slot range, e.g. {@code 0-5460}: its name in checkpoints, spool directories and events. It
     * survives a failover (which changes the primary, not the slots); ranges never overlap, so it is unique.
     */
    public String id() {
        return SlotRanges.first(slots);
    }

    /** Every slot range of the shard, e.g. {@code 0-5460,10923}: the form of {@code SyncShard.slots}. */
    public String ranges() {
        return SlotRanges.of(slots);
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

    /** The shard as one of a task's syncs ({@code SyncShard}): its id, its primary and its slots. */
    public SyncShard sync() {
        return new SyncShard(id(), primary.toString(), ranges());
    }

    @Override
    public String toString() {
        return id() + " (" + primary + ")";
    }
}
