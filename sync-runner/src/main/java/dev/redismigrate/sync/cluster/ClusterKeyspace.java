package dev.redismigrate.sync.cluster;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.status.TargetKeyspace;
import dev.redismigrate.sync.writer.TargetConnections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A cluster's key count: {@code INFO keyspace} of every primary, summed, without the watermark and slot stamps its
 * writer keeps ({@link SyncState#targetCheckpointKeys}) while the watermark exists (once it is removed at the end, so
 * are the stamps). The primaries are read again every {@value #REREAD_SLOTS_EVERY} samples (a failover), and at once
 * after a node did not answer.
 */
public final class ClusterKeyspace implements TargetKeyspace {
    private static final int REREAD_SLOTS_EVERY = 30;

    private final TargetConnections target;
    private final String watermark;
    private final SyncState state;
    private final Map<ClusterNode, RespConnection> connections = new HashMap<>();
    private SlotMap slots;
    private int samples;

    public ClusterKeyspace(TargetConnections target, String checkpointName, SyncState state) {
        this.target = target;
        this.watermark = CheckpointKey.forTask(checkpointName);
        this.state = state;
    }

    @Override
    public Map<Integer, DbKeyCount> sample() throws IOException {
        if (slots == null || ++samples % REREAD_SLOTS_EVERY == 0) {
            slots = ClusterTarget.slotMap(target);
        }
        long keys = 0;
        long expires = 0;
        for (ClusterNode primary : slots.primaries()) {
            DbKeyCount db0 = Info.of(connection(primary), "keyspace").keyspace().get(CheckpointKey.DB);
            if (db0 != null) {
                keys += db0.keys();
                expires += db0.expires();
            }
        }
        Object ours = connection(slots.ownerOf(watermark.getBytes(StandardCharsets.UTF_8))).callOk("EXISTS", watermark);
        keys -= Long.valueOf(1).equals(ours) ? state.targetCheckpointKeys : 0;
        return keys > 0 ? Map.of(CheckpointKey.DB, new DbKeyCount(keys, expires)) : Map.of();
    }

    private RespConnection connection(ClusterNode node) {
        return connections.computeIfAbsent(node, target::node);
    }

    /**
     * The slot map the last {@link #sample()} used (read again every {@value #REREAD_SLOTS_EVERY} samples, and after
     * {@link #close()}: a sample that failed on a stale map is followed by a fresh one); null before the first.
     */
    public SlotMap slotMap() {
        return slots;
    }

    @Override
    public void close() {
        connections.values().forEach(RespConnection::close);
        connections.clear();
        slots = null;
    }
}
