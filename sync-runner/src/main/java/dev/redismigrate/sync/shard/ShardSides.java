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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The two sides of one shard's sync: a replica link to the shard's primary, and the target shared with the other
 * shards. Into a standalone target, this shard's resync erases only the keys of its own slots ({@link ShardKeys}) and
 * every shard's checkpoint is left out of the key counts. Into a Redis Cluster, each shard writes through a
 * {@link ClusterTarget} of its own (its own watermark and slot stamps), and every shard's stamps are left out of the
 * key counts ({@link ShardsClusterKeyspace}).
 *
 * @param checkpointIds the checkpoint ids ({@code <task>/<shard id>}) of every shard of the run
 * @param clusterTarget the target endpoint is a cluster node (then a shard is copied once only: {@link FirstCopyOnly})
 * @param resumed an earlier run of the task may have written to the target
 * @param states the state of every shard's sync by checkpoint id, as each starts
 * @param checkpoints where this shard's checkpoint waits for the other shards to stop before it is removed
 * @param started whether a session of this shard has started its link
 */
record ShardSides(SourceShard shard, String checkpointId, List<String> checkpointIds, boolean clusterTarget,
                  boolean resumed, Map<String, SyncState> states, HeldCheckpoints checkpoints, AtomicBoolean started)
        implements SyncSides {
    ShardSides(SourceShard shard, String checkpointId, List<String> checkpointIds, boolean clusterTarget,
               boolean resumed, Map<String, SyncState> states, HeldCheckpoints checkpoints) {
        this(shard, checkpointId, checkpointIds, clusterTarget, resumed, states, checkpoints, new AtomicBoolean());
    }

    @Override
    public SyncSource.Connector sources(Supplier<RespConnection> source) {
        SyncSource.Connector links = SyncSides.STANDALONE.sources(source);
        return clusterTarget ? () -> new FirstCopyOnly(links.connect(), shard, started, resumed) : links;
    }

    @Override
    public SyncTarget.Connector targets(TargetConnections target) {
        if (clusterTarget) {
            return checkpoints.holding(ClusterTarget.connector(target));
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
