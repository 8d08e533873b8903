package dev.redismigrate.sync.shard;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.SyncSides;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.status.StandaloneKeyspace;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.status.TargetKeyspace;
import dev.redismigrate.sync.writer.StandaloneTarget;
import dev.redismigrate.sync.writer.SyncTarget;
import dev.redismigrate.sync.writer.TargetConnections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two sides of one shard's sync: a replica link to the shard's primary, and the standalone target shared with the
 * other shards, where this shard's resync erases only the keys of its own slots ({@link ShardKeys}) and every shard's
 * checkpoint is left out of the key counts.
 *
 * @param checkpointIds the checkpoint ids ({@code <task>/<shard id>}) of every shard of the run
 */
record ShardSides(SourceShard shard, String checkpointId, List<String> checkpointIds) implements SyncSides {
    @Override
    public SyncSource.Connector sources(Supplier<RespConnection> source) {
        return SyncSides.STANDALONE.sources(source);
    }

    @Override
    public SyncTarget.Connector targets(TargetConnections target) {
        return StandaloneTarget.connector(target.endpoint(),
                new ShardKeys(shard, target.endpoint(), CheckpointKey.forTask(checkpointId)));
    }

    @Override
    public TargetKeyspace targetKeyspace(TargetConnections target, String checkpointName, SyncState state) {
        return new StandaloneKeyspace(target.endpoint(), checkpointIds);
    }
}
