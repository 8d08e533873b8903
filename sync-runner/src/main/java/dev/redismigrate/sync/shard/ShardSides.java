package dev.redismigrate.sync.shard;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.SyncSides;
import dev.redismigrate.sync.cluster.ClusterTarget;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.status.StandaloneKeyspace;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.status.TargetKeyspace;
import dev.redismigrate.sync.writer.StandaloneTarget;
import dev.redismigrate.sync.writer.SyncTarget;
import dev.redismigrate.sync.writer.TargetConnections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two sides of one shard's sync: a replica link to the shard's primary, and the target shared with the other
 * shards. This shard's resync (and a flush in its stream) erases only the keys of its own slots: on a standalone target
 * ({@link ShardKeys}), where every shard's checkpoint is left out of the key counts; on a Redis Cluster, where each
 * shard writes through a {@link ClusterTarget} of its own (its own watermark and slot stamps) and every shard's stamps
 * are left out of the key counts ({@link ShardsClusterKeyspace}).
 *
 * @param checkpointIds the checkpoint ids ({@code <task>/<shard id>}) of every shard of the run
 * @param clusterTarget the target endpoint is a cluster node
 * @param states the state of every shard's sync by checkpoint id, as each starts
 * @param checkpoints where this shard's checkpoint waits for the other shards to stop before it is removed
 */
record ShardSides(SourceShard shard, String checkpointId, List<String> checkpointIds, boolean clusterTarget,
                  Map<String, SyncState> states, HeldCheckpoints checkpoints) implements SyncSides {
    @Override
    public SyncSource.Connector sources(Supplier<RespConnection> source) {
        return SyncSides.STANDALONE.sources(source);
    }

    @Override
    public SyncTarget.Connector targets(TargetConnections target) {
        if (clusterTarget) {
            return checkpoints.holding(ClusterTarget.connector(target, shard.slots()));
        }
        return checkpoints.holding(StandaloneTarget.connector(target.endpoint(),
                new ShardKeys(shard, target.endpoint(), CheckpointKey.forTask(checkpointId))));
    }

    @Override
    public TargetKeyspace targetKeyspace(TargetConnections target, String checkpointName, SyncState state) {
        if (clusterTarget) {
            states.put(checkpointName, state);
            return new ShardsClusterKeyspace(target, checkpointName, state, states);
        }
        return new StandaloneKeyspace(target.endpoint(), checkpointIds);
    }
}
