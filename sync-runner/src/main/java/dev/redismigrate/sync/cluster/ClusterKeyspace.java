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
import java.util.HashMap;
import java.util.Map;

/**
 * A cluster's key count: {@code INFO keyspace} of every primary, summed, without the watermark and slot stamps its
 * writer keeps ({@link SyncState#targetCheckpointKeys}). The primaries are read again every
 * {@value #REREAD_SLOTS_EVERY} samples (a failover), and at once after a node did not answer.
 */
public final class ClusterKeyspace implements TargetKeyspace {
    private static final int REREAD_SLOTS_EVERY = 30;

    private final TargetConnections target;
    private final SyncState state;
    private final Map<ClusterNode, RespConnection> connections = new HashMap<>();
    private SlotMap slots;
    private int samples;

    public ClusterKeyspace(TargetConnections target, SyncState state) {
        this.target = target;
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
            DbKeyCount db0 = Info.of(connections.computeIfAbsent(primary, target::node), "keyspace").keyspace()
                    .get(CheckpointKey.DB);
            if (db0 != null) {
                keys += db0.keys();
                expires += db0.expires();
            }
        }
        keys -= state.targetCheckpointKeys;
        return keys > 0 ? Map.of(CheckpointKey.DB, new DbKeyCount(keys, expires)) : Map.of();
    }

    @Override
    public void close() {
        connections.values().forEach(RespConnection::close);
        connections.clear();
        slots = null;
    }
}
