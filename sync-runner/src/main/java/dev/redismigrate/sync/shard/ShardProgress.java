package dev.redismigrate.sync.shard;

import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.sync.status.SyncState;
import java.util.Objects;

/**
 * A shard's part in the progress of a sharded sync: its events in the task's record, naming the shard. The total of the
 * shards' reports is {@link dev.redismigrate.core.progress.ProgressTotal}.
 */
final class ShardProgress {
    private ShardProgress() {
    }

    /** A shard's event in the task's record, saying which shard it happened to. */
    static SyncEvent ofShard(SourceShard shard, SyncEvent event) {
        return new SyncEvent(event.at(), event.kind(), "shard " + shard + ": " + event.reason());
    }

    /** Whether {@code event} says where a sync started from: a resume or a resync (a progress's {@code lastResume}). */
    static boolean isResume(SyncEvent event) {
        return event.kind().equals(SyncState.RESUME) || event.kind().equals(SyncState.RESYNC);
    }

    /** Whether {@code event} is new since {@code seen} (events are replaced, never changed). */
    static boolean isNew(SyncEvent event, SyncEvent seen) {
        return event != null && !Objects.equals(event, seen);
    }
}
