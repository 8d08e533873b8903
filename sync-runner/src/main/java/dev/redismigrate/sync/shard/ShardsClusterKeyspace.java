package dev.redismigrate.sync.shard;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.sync.cluster.ClusterKeyspace;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.status.TargetKeyspace;
import dev.redismigrate.sync.writer.TargetConnections;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * A cluster target's key count as one shard of a cluster source reports it: {@link ClusterKeyspace} leaves out the
 * checkpoint keys of this shard's writer; every other shard's writer keeps its own in the same cluster, and they are
 * left out too.
 */
final class ShardsClusterKeyspace implements TargetKeyspace {
    private final ClusterKeyspace own;
    private final SyncState state;
    private final Collection<SyncState> shards;

    /** @param shards the state of every shard's sync that has started so far (this one's included) */
    ShardsClusterKeyspace(TargetConnections target, SyncState state, Collection<SyncState> shards) {
        this.own = new ClusterKeyspace(target, state);
        this.state = state;
        this.shards = shards;
    }

    @Override
    public Map<Integer, DbKeyCount> sample() throws IOException {
        Map<Integer, DbKeyCount> counts = own.sample();
        long others = shards.stream().filter(s -> s != state).mapToLong(s -> s.targetCheckpointKeys).sum();
        DbKeyCount db0 = counts.get(CheckpointKey.DB);
        if (db0 == null || others == 0) {
            return counts;
        }
        long keys = db0.keys() - others;
        return keys > 0 ? Map.of(CheckpointKey.DB, new DbKeyCount(keys, db0.expires())) : Map.of();
    }

    @Override
    public void close() {
        own.close();
    }
}
