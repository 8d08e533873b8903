package dev.redismigrate.redisio.cluster;

import java.util.Set;

/**
 * What one node address says about the Redis behind it: a standalone server, or a cluster node with the cluster's
 * state and (when every slot is served) its slot map, hence its primaries.
 *
 * @param cluster {@code cluster_enabled:1} in {@code INFO cluster}
 * @param state   {@code cluster_state} ({@code ok} or {@code fail}), null for a standalone server
 * @param slots   the slot map, null for a standalone server or a cluster whose slots are not all served
 */
public record ClusterTopology(boolean cluster, String state, SlotMap slots) {
    public static final ClusterTopology STANDALONE = new ClusterTopology(false, null, null);

    /** A cluster that can take writes for every key: state {@code ok} and every slot served. */
    public boolean usable() {
        return cluster && "ok".equals(state) && slots != null;
    }

    /** The primaries serving slots; empty for a standalone server or an unusable cluster. */
    public Set<ClusterNode> primaries() {
        return slots == null ? Set.of() : slots.primaries();
    }
}
