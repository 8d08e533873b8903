package dev.redismigrate.redisio.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which primary serves each of the 16384 slots, read from {@code CLUSTER SLOTS} (every version from 3.0; deprecated
 * but still answered on 7.0+, where CLUSTER SHARDS adds nothing a writer needs). Immutable: a MOVED reply yields a
 * new map with one slot changed ({@link #withOwner}), a reshard or failover a fresh read.
 */
public final class SlotMap {
    private final ClusterNode[] owners;

    private SlotMap(ClusterNode[] owners) {
        this.owners = owners;
    }

    /**
     * Parses the raw reply: per range {@code [start, end, [host, port, id, ...], replicas...]}; strings may come as
     * text or bytes. {@code fromHost} is the address the reply came from, for a node announcing no host.
     * Empty when a slot has no owner (the cluster does not serve every key).
     */
    public static Optional<SlotMap> parse(List<?> clusterSlotsReply, String fromHost) {
        ClusterNode[] owners = new ClusterNode[KeySlot.SLOTS];
        for (Object item : clusterSlotsReply) {
            List<?> range = (List<?>) item;
            List<?> primary = (List<?>) range.get(2);
            ClusterNode node = ClusterNode.parse(text(primary.get(0)) + ":" + number(primary.get(1)), fromHost);
            Arrays.fill(owners, (int) number(range.get(0)), (int) number(range.get(1)) + 1, node);
        }
        for (int slot = 0; slot < owners.length; slot++) {
            if (owners[slot] == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new SlotMap(owners));
    }

    public ClusterNode owner(int slot) {
        return owners[slot];
    }

    public ClusterNode ownerOf(byte[] key) {
        return owners[KeySlot.of(key)];
    }

    /** Every primary that owns a slot, in slot order. */
    public Set<ClusterNode> primaries() {
        return new LinkedHashSet<>(Arrays.asList(owners));
    }

    /** The slots each primary serves, in slot order (its shard of the keyspace). */
    public Map<ClusterNode, BitSet> slotsByPrimary() {
        Map<ClusterNode, BitSet> slots = new LinkedHashMap<>();
        for (int slot = 0; slot < owners.length; slot++) {
            slots.computeIfAbsent(owners[slot], node -> new BitSet(KeySlot.SLOTS)).set(slot);
        }
        return slots;
    }

    /** The map after a MOVED: {@code slot} now belongs to {@code node}. */
    public SlotMap withOwner(int slot, ClusterNode node) {
        ClusterNode[] copy = owners.clone();
        copy[slot] = node;
        return new SlotMap(copy);
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(text(value));
    }
}
