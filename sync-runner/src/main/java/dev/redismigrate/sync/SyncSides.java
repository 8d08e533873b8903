package dev.redismigrate.sync;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.source.ReplicationLink;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.writer.StandaloneTarget;
import dev.redismigrate.sync.writer.SyncTarget;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a run reaches its two sides, from connections to the endpoints the task names: {@link #STANDALONE} is a replica
 * link to one source and one target server. Another kind of source or target is composed here; the runner and the
 * session do not change.
 */
public interface SyncSides {
    /** @param source authenticated connections to the source endpoint (a failure is a typed {@code SyncFailure}) */
    SyncSource.Connector sources(Supplier<RespConnection> source);

    /** @param target authenticated connections to the target endpoint (a failure is a typed {@code SyncFailure}) */
    SyncTarget.Connector targets(Supplier<RespConnection> target);

    /** The keys of this run's own on the target (db 0), left out of the target's key counts: its checkpoint. */
    default List<String> checkpointKeys(String taskId) {
        return List.of(CheckpointKey.forTask(taskId));
    }

    SyncSides STANDALONE = new SyncSides() {
        @Override
        public SyncSource.Connector sources(Supplier<RespConnection> source) {
            return () -> new ReplicationLink(source.get());
        }

        @Override
        public SyncTarget.Connector targets(Supplier<RespConnection> target) {
            return StandaloneTarget.connector(target);
        }
    };
}
