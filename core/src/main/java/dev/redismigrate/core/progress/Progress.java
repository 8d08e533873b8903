package dev.redismigrate.core.progress;

import java.time.Instant;
import java.util.Map;

/**
 * What the sync reports about itself, once a second, into the task store. Offsets are replication offsets of the
 * source; {@code appliedOffset} only counts writes the target has acknowledged. Snapshot byte counts are -1 when
 * unknown (e.g. a diskless transfer before its end).
 *
 * @param sourceKeys per-DB counts from the source's INFO keyspace
 * @param targetKeys per-DB counts from the target's INFO keyspace
 * @param checkpointAt when the last durable checkpoint was written on the target (null before the first)
 * @param lastEvent the last notable moment (resume, resync, reconnect, ttl-restored, finish-refused), with its reason
 *                  (null if none)
 * @param lastResume the last resume from the checkpoint ({@code resume}) or forced full resync ({@code resync}), with
 *                   its reason: kept apart from {@code lastEvent}, which later events replace (null if none)
 */
public record Progress(
        Instant updatedAt,
        SyncPhase phase,
        long snapshotBytesTotal,
        long snapshotBytesReceived,
        long snapshotBytesApplied,
        long etaSeconds,
        long keysApplied,
        long sourceOffset,
        long appliedOffset,
        long lagBytes,
        long lagMillis,
        double opsPerSecond,
        Map<Integer, DbKeyCount> sourceKeys,
        Map<Integer, DbKeyCount> targetKeys,
        String replId,
        Instant checkpointAt,
        SyncEvent lastEvent,
        SyncEvent lastResume) {

    public Progress {
        sourceKeys = sourceKeys == null ? Map.of() : Map.copyOf(sourceKeys);
        targetKeys = targetKeys == null ? Map.of() : Map.copyOf(targetKeys);
    }

    /** Without a resume or resync so far. */
    public Progress(Instant updatedAt, SyncPhase phase, long snapshotBytesTotal, long snapshotBytesReceived,
                    long snapshotBytesApplied, long etaSeconds, long keysApplied, long sourceOffset, long appliedOffset,
                    long lagBytes, long lagMillis, double opsPerSecond, Map<Integer, DbKeyCount> sourceKeys,
                    Map<Integer, DbKeyCount> targetKeys, String replId, Instant checkpointAt, SyncEvent lastEvent) {
        this(updatedAt, phase, snapshotBytesTotal, snapshotBytesReceived, snapshotBytesApplied, etaSeconds, keysApplied,
                sourceOffset, appliedOffset, lagBytes, lagMillis, opsPerSecond, sourceKeys, targetKeys, replId,
                checkpointAt, lastEvent, null);
    }

    public static Progress starting(Instant now) {
        return new Progress(now, SyncPhase.CONNECTING, -1, 0, 0, -1, 0, -1, -1, -1, -1, 0,
                Map.of(), Map.of(), null, null, null, null);
    }

    public Progress withEvent(Instant at, SyncEvent event) {
        return new Progress(at, phase, snapshotBytesTotal, snapshotBytesReceived, snapshotBytesApplied, etaSeconds,
                keysApplied, sourceOffset, appliedOffset, lagBytes, lagMillis, opsPerSecond, sourceKeys, targetKeys,
                replId, checkpointAt, event, lastResume);
    }

    /**
     * How old the target's checkpoint (the point a restarted sync resumes from) was when this report was made, in
     * milliseconds; -1 before the first checkpoint.
     */
    public long checkpointAgeMillis() {
        if (checkpointAt == null || updatedAt == null) {
            return -1;
        }
        return Math.max(0, updatedAt.toEpochMilli() - checkpointAt.toEpochMilli());
    }

    /** Snapshot applied, nothing left to apply, and both sides report the same keys without TTL in every DB. */
    public boolean inSync() {
        if (phase != SyncPhase.INCREMENTAL && phase != SyncPhase.DRAINING) {
            return false;
        }
        if (lagBytes != 0) {
            return false;
        }
        return persistentCounts(sourceKeys).equals(persistentCounts(targetKeys));
    }

    private static Map<Integer, Long> persistentCounts(Map<Integer, DbKeyCount> counts) {
        Map<Integer, Long> result = new java.util.TreeMap<>();
        counts.forEach((db, c) -> {
            if (c.keys() > 0) {
                result.put(db, c.persistent());
            }
        });
        return result;
    }
}
