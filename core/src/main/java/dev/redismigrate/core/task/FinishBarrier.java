package dev.redismigrate.core.task;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How far a FINISH request has come in a task with several syncs (one sync container per shard), which finish
 * together: which syncs drained for this request, and the finish gate's verdict once all had. It is kept on the task,
 * so it outlives a container's restart and every change to it is compare-and-set; a change of the desired state
 * (a new finish request, a refused verdict putting the task back to RUN, a cancel) ends it
 * ({@link MigrationTask#withDesired}).
 *
 * @param openedAt when the first sync drained for this request: the barrier's identity, so a verdict reached for an
 *                 earlier request is never recorded on a later one
 * @param drained  the shard ids ({@link SyncShard#id}) of the syncs that drained for this request
 * @param passed   the summary of the gate's verdict once it passed for the whole task; null before
 */
public record FinishBarrier(Instant openedAt, Set<String> drained, String passed) {
    public FinishBarrier {
        Objects.requireNonNull(openedAt, "openedAt");
        drained = drained == null ? Set.of() : Set.copyOf(drained);
    }

    public static FinishBarrier open(Instant at) {
        return new FinishBarrier(at, Set.of(), null);
    }

    /** This barrier with {@code sync} marked drained. */
    public FinishBarrier drained(SyncShard sync) {
        Set<String> marked = new HashSet<>(drained);
        marked.add(sync.id());
        return new FinishBarrier(openedAt, marked, passed);
    }

    public boolean hasDrained(SyncShard sync) {
        return drained.contains(sync.id());
    }

    /** Whether every one of {@code syncs} drained for this request. */
    public boolean allDrained(List<SyncShard> syncs) {
        return syncs.stream().allMatch(this::hasDrained);
    }

    public FinishBarrier passed(String summary) {
        return new FinishBarrier(openedAt, drained, summary);
    }

    public boolean hasPassed() {
        return passed != null;
    }
}
