package dev.redismigrate.core.task;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The mark a shard of a task with several syncs (one sync container per shard) leaves on the task when its sync fails:
 * the state machine's Map fails with it and runs the cleanup, so the sibling shards' syncs, which read the task once a
 * second, stop without undoing anything (each keeps its checkpoint for a resume) rather than keep writing to the
 * target while it is unlocked; each notes here that it stopped, which the failed shard waits for before it answers.
 * Kept on the task (every change compare-and-set) until {@link MigrationTask#resume} clears it.
 *
 * @param shard   the shard id ({@link SyncShard#id}) of the sync that failed (the first one, when several did)
 * @param at      when it failed
 * @param stopped the shard ids of the siblings that stopped on this mark
 */
public record ShardFailure(String shard, Instant at, Set<String> stopped) {
    public ShardFailure {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(at, "at");
        stopped = stopped == null ? Set.of() : Set.copyOf(stopped);
    }

    public static ShardFailure of(SyncShard sync, Instant at) {
        return new ShardFailure(sync.id(), at, Set.of());
    }

    /** Whether this failure is a sibling's of {@code sync}, which must then stop: one of the other shards failed. */
    public boolean stops(SyncShard sync) {
        return !sync.whole() && !shard.equals(sync.id());
    }

    /** This mark with {@code sync} noted as stopped on it. */
    public ShardFailure stopped(SyncShard sync) {
        Set<String> marked = new HashSet<>(stopped);
        marked.add(sync.id());
        return new ShardFailure(shard, at, marked);
    }

    /** Whether every one of {@code syncs} that must stop on this mark, {@code failed} apart, has. */
    public boolean allStopped(List<SyncShard> syncs, SyncShard failed) {
        return syncs.stream().filter(s -> stops(s) && !s.id().equals(failed.id())).allMatch(s -> stopped.contains(s.id()));
    }
}
