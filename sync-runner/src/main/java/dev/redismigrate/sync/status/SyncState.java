package dev.redismigrate.sync.status;

import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters every part of a sync updates and the progress reporter reads (like RedisShake's status package:
 * kept apart from the data path). Offsets are source replication offsets.
 */
public final class SyncState {
    /** Event kind: continued from the checkpoint with a partial resync. */
    public static final String RESUME = "resume";
    /** Event kind: a forced full resync (the target flushed and the snapshot applied again). */
    public static final String RESYNC = "resync";

    public volatile SyncPhase phase = SyncPhase.CONNECTING;
    public volatile String replId;
    /** The offset the snapshot is consistent with (the FULLRESYNC offset), or the resume offset. */
    public volatile long baseOffset = -1;
    /** Offset of the last stream byte spooled. */
    public volatile long receivedOffset = -1;
    /** Offset of the last stream byte whose effects the target has acknowledged (-1 during the snapshot). */
    public volatile long appliedOffset = -1;
    /** The last offset covered by a checkpoint on the target. */
    public volatile long durableOffset = -1;
    public volatile Instant checkpointAt;
    public volatile long snapshotBytesTotal = -1;
    public volatile long snapshotBytesReceived;
    public volatile long snapshotBytesApplied;
    public final AtomicLong keysApplied = new AtomicLong();
    public final AtomicLong commandsApplied = new AtomicLong();
    public final AtomicLong commandErrors = new AtomicLong();
    public final ReceiveClock receiveClock = new ReceiveClock();
    public volatile SyncEvent lastEvent;
    /** The last {@code resume} or {@code resync} event, which later events of other kinds do not replace. */
    public volatile SyncEvent lastResume;
    /** The target's {@code run_id} as the last session found it: a new one means the target restarted. */
    public volatile String targetRunId;
    /** A checkpoint of this task has been on the target during this run: if it vanishes, the target lost data. */
    public volatile boolean checkpointWritten;
    public volatile Instant fullSyncStartedAt;
    /** True while expiries are being pushed out (the TTL gap guard), until the stream has caught up once. */
    public volatile boolean guardingTtls;
    /** True once the pushed expiries have been restored (or none were pushed). */
    public volatile boolean ttlsRestored = true;
    /**
     * Keys of ours a cluster target holds beside the data (the watermark and the slot stamps), kept by its writer so
     * the target's key count can leave them out without looking for them.
     */
    public volatile long targetCheckpointKeys;

    private final Changes changes = new Changes();

    /**
     * Something the supervisor acts on happened (the snapshot is applied, the TTL repair is done, a pipeline thread
     * failed): wakes {@link #awaitChange} at once instead of at the next report.
     */
    public void changed() {
        changes.changed();
    }

    /** How many changes so far: the token for {@link #awaitChange}. */
    public long changes() {
        return changes.seen();
    }

    /** Waits up to {@code millis} for a change after {@code seen} (returns at once if one already happened). */
    public void awaitChange(long seen, long millis) throws InterruptedException {
        changes.await(seen, millis);
    }

    public void event(String kind, String reason) {
        SyncEvent event = new SyncEvent(Instant.now(), kind, reason);
        lastEvent = event;
        if (kind.equals(RESUME) || kind.equals(RESYNC)) {
            lastResume = event;
        }
    }
}
