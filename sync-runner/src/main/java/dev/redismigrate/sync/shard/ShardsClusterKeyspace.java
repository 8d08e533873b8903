package dev.redismigrate.sync.shard;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.cluster.ClusterKeyspace;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.status.TargetKeyspace;
import dev.redismigrate.sync.writer.TargetConnections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A cluster target's key count as one shard of a cluster source reports it: {@link ClusterKeyspace} leaves out the
 * watermark and stamps of this shard's writer; every other shard's writer keeps its own in the same cluster, and they
 * are left out the same way (while that shard's watermark exists: at its end they go together).
 */
final class ShardsClusterKeyspace implements TargetKeyspace {
    private final TargetConnections target;
    private final String checkpointName;
    private final ClusterKeyspace own;
    private final Map<String, SyncState> shards;
    private final Map<ClusterNode, RespConnection> connections = new HashMap<>();

    /** @param shards every shard's sync that has started so far, by checkpoint name (this one's included) */
    ShardsClusterKeyspace(TargetConnections target, String checkpointName, SyncState state,
                          Map<String, SyncState> shards) {
        this.target = target;
        this.checkpointName = checkpointName;
        this.own = new ClusterKeyspace(target, checkpointName, state);
        this.shards = shards;
    }

    @Override
    public Map<Integer, DbKeyCount> sample() throws IOException {
        Map<Integer, DbKeyCount> counts = own.sample();
        DbKeyCount db0 = counts.get(CheckpointKey.DB);
        if (db0 == null || shards.size() < 2) {
            return counts;
        }
        SlotMap slots = own.slotMap();
        long others = 0;
        for (Map.Entry<String, SyncState> shard : shards.entrySet()) {
            String watermark = CheckpointKey.forTask(shard.getKey());
            if (!shard.getKey().equals(checkpointName) && Long.valueOf(1).equals(connections.computeIfAbsent(
                    slots.ownerOf(watermark.getBytes(StandardCharsets.UTF_8)), target::node).callOk("EXISTS",
                    watermark))) {
                others += shard.getValue().targetCheckpointKeys;
            }
        }
        long keys = db0.keys() - others;
        return keys > 0 ? Map.of(CheckpointKey.DB, new DbKeyCount(keys, db0.expires())) : Map.of();
    }

    @Override
    public void close() {
        own.close();
        connections.values().forEach(RespConnection::close);
        connections.clear();
    }
}
