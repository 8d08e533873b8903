package dev.redismigrate.sync.shard;

import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.spool.SnapshotSpool;
import dev.redismigrate.sync.spool.StreamSpool;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * One shard's link to its primary when the target is a Redis Cluster: a shard may be copied once, by the first
 * session of a first run, and after that only continued. Copying it again would start by flushing the target, and a
 * cluster target flushes all of its primaries, the other shards' data too; so a full resync then ends the sync (a
 * failure no reconnect cures) before anything is written. Into a standalone target a shard's resync erases only its
 * own slots and needs no such guard.
 */
final class FirstCopyOnly implements SyncSource {
    private final SyncSource link;
    private final SourceShard shard;
    private final AtomicBoolean started;
    private final boolean resumed;

    /**
     * @param started whether a session of this run has started this shard's link before (shared by its sessions)
     * @param resumed an earlier run of the task may have written to the target
     */
    FirstCopyOnly(SyncSource link, SourceShard shard, AtomicBoolean started, boolean resumed) {
        this.link = link;
        this.shard = shard;
        this.started = started;
        this.resumed = resumed;
    }

    @Override
    public Start start(String replId, long offset) throws IOException {
        boolean first = !started.getAndSet(true) && !resumed;
        Start start = link.start(replId, offset);
        if (start.full() && !first) {
            throw new SyncFailure(SyncFailure.Side.SOURCE, SyncFailure.Kind.TARGET_UNSUPPORTED, "shard " + shard
                    + " would have to be copied again (its earlier copy was interrupted, or its checkpoint cannot be"
                    + " continued), which into a Redis Cluster target starts by flushing every primary, the other"
                    + " shards' data too. Cancel the task and migrate again into an empty target; a source backlog"
                    + " large enough (repl-backlog-size) lets a shard continue after an interruption");
        }
        return start;
    }

    @Override
    public void receiveSnapshot(SnapshotSpool spool) throws IOException {
        link.receiveSnapshot(spool);
    }

    @Override
    public void pumpStream(StreamSpool spool, LongConsumer received) throws IOException {
        link.pumpStream(spool, received);
    }

    @Override
    public void ack(long offset) throws IOException {
        link.ack(offset);
    }

    @Override
    public void close() {
        link.close();
    }
}
