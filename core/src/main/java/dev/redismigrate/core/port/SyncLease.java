package dev.redismigrate.core.port;

import java.time.Duration;

/**
 * "One sync container per sync at a time": the run of a task's sync (the whole source, or one shard: its
 * {@link dev.redismigrate.core.task.SyncShard#syncKey sync key}) whose container may write to the target. A container
 * takes the lease before it touches anything and renews it while it syncs; a container of a later run (after a
 * missed heartbeat) waits until the earlier one released it or let it expire. A holder that cannot renew in time
 * stops writing by itself, so a container cut off from the store cannot outlive its lease (docs/workflow.md).
 *
 * <p>Times are the store's callers' clocks: a lease ends at the holder's {@code now + ttl}, and the holder gives up
 * well before that by its own monotonic clock, so clocks may differ by less than that margin.
 */
public interface SyncLease {
    /**
     * Takes the lease of {@code syncKey} for {@code runId} until now + {@code ttl} when nobody holds it, this run holds
     * it, or the holder's lease expired; false when another run holds it.
     */
    boolean take(String syncKey, String runId, Duration ttl);

    /** Extends this run's lease to now + {@code ttl}; false when this run no longer holds it. */
    boolean renew(String syncKey, String runId, Duration ttl);

    /** Gives the lease up if this run holds it; otherwise does nothing. */
    void release(String syncKey, String runId);
}
