package dev.redismigrate.core.task;

import java.time.Instant;
import java.util.Objects;

/**
 * The mark a shard of a task with several syncs (one sync container per shard) leaves on the task when its sync fails:
 * the state machine's Map fails with it and runs the cleanup, so the sibling shards' syncs, which read the task once a
 * second, stop at once without undoing anything (each keeps its checkpoint for a resume) rather than keep writing to
 * the target while it is unlocked. Kept on the task until {@link MigrationTask#resume} clears it.
 *
 * @param shard the shard id ({@link SyncShard#id}) of the sync that failed
 * @param at    when it failed
 */
public record ShardFailure(String shard, Instant at) {
    public ShardFailure {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(at, "at");
    }

    /** Whether this failure is a sibling's of {@code sync}: one of the other shards failed. */
    public boolean stops(SyncShard sync) {
        return !sync.whole() && !shard.equals(sync.id());
    }
}
