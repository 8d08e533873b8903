package dev.redismigrate.sync.shard;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.SyncSides;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.writer.StandaloneTarget;
import dev.redismigrate.sync.writer.SyncTarget;
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
    public SyncTarget.Connector targets(Supplier<RespConnection> target) {
        return StandaloneTarget.connector(target, new ShardKeys(shard, target, CheckpointKey.forTask(checkpointId)));
    }

    @Override
    public List<String> checkpointKeys(String taskId) {
        return checkpointIds.stream().map(CheckpointKey::forTask).toList();
    }
}
