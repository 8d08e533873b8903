package dev.redismigrate.sync.status;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Progress} from the live {@link SyncState} plus what both sides say ({@code INFO replication} and
 * {@code INFO keyspace} of the source, the target's {@link TargetKeyspace}), on connections of its own. A server
 * that does not answer leaves its numbers as last seen: the report never fails the sync.
 */
public final class ProgressSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressSampler.class);

    private final SyncState state;
    private final Supplier<RespConnection> sourceConnector;
    private final TargetKeyspace targetKeyspace;
    private RespConnection source;
    private long sourceOffset = -1;
    private Map<Integer, DbKeyCount> sourceKeys = Map.of();
    private Map<Integer, DbKeyCount> targetKeys = Map.of();
    private long lastAtNanos;
    private long lastOps;
    private long lastAppliedBytes;
    private double opsPerSecond;
    private double bytesPerSecond;

    public ProgressSampler(SyncState state, Supplier<RespConnection> sourceConnector,
                           TargetKeyspace targetKeyspace) {
        this.state = state;
        this.sourceConnector = sourceConnector;
        this.targetKeyspace = targetKeyspace;
    }

    public Progress sample() {
        sampleSource();
        sampleTarget();
        long now = System.nanoTime();
        long ops = state.keysApplied.get() + state.commandsApplied.get();
        long appliedBytes = state.snapshotBytesApplied;
        if (lastAtNanos != 0) {
            double seconds = Math.max(1e-3, (now - lastAtNanos) / 1e9);
            opsPerSecond = (ops - lastOps) / seconds;
            double rate = (appliedBytes - lastAppliedBytes) / seconds;
            bytesPerSecond = bytesPerSecond == 0 ? rate : 0.7 * bytesPerSecond + 0.3 * rate;
        }
        lastAtNanos = now;
        lastOps = ops;
        lastAppliedBytes = appliedBytes;
        return build();
    }

    private Progress build() {
        long nowMs = System.currentTimeMillis();
        SyncPhase phase = state.phase;
        long applied = state.appliedOffset;
        long received = state.receivedOffset;
        long source = Math.max(sourceOffset, received);
        long lagBytes;
        long lagMillis;
        if (source < 0) {
            lagBytes = -1;
            lagMillis = -1;
        } else if (applied < 0) {
            // still on the snapshot: everything since it was taken is pending
            lagBytes = Math.max(0, source - state.baseOffset);
            Instant started = state.fullSyncStartedAt;
            lagMillis = started == null ? -1 : nowMs - started.toEpochMilli();
        } else {
            lagBytes = Math.max(0, source - applied);
            lagMillis = lagBytes == 0 ? 0 : state.receiveClock.lagMillis(applied, Math.max(received, applied), nowMs);
        }
        long total = state.snapshotBytesTotal;
        long eta = -1;
        if (phase == SyncPhase.FULL_SYNC && total > 0 && bytesPerSecond > 0) {
            eta = (long) Math.ceil((total - state.snapshotBytesApplied) / bytesPerSecond);
        } else if (phase == SyncPhase.INCREMENTAL || phase == SyncPhase.DRAINING) {
            eta = 0;
        }
        return new Progress(Instant.ofEpochMilli(nowMs), phase, total, state.snapshotBytesReceived,
                state.snapshotBytesApplied, eta, state.keysApplied.get(), source, applied, lagBytes, lagMillis,
                Math.max(0, opsPerSecond), sourceKeys, targetKeys, state.replId, state.checkpointAt, state.lastEvent,
                state.lastResume);
    }

    private void sampleSource() {
        try {
            if (source == null) {
                source = sourceConnector.get();
            }
            Info replication = Info.of(source, "replication");
            sourceOffset = replication.getLong("master_repl_offset", sourceOffset);
            sourceKeys = Info.of(source, "keyspace").keyspace();
        } catch (RuntimeException | IOException e) {
            LOG.debug("source did not answer INFO: {}", RespConnection.describe(e));
            closeSource();
        }
    }

    private void sampleTarget() {
        try {
            targetKeys = targetKeyspace.sample();
        } catch (RuntimeException | IOException e) {
            LOG.debug("target did not answer INFO: {}", RespConnection.describe(e));
            targetKeyspace.close();
        }
    }

    /** The last source offset seen by {@link #sample()}. */
    public long sourceOffset() {
        return sourceOffset;
    }

    @Override
    public void close() {
        closeSource();
        closeTarget();
    }

    private void closeSource() {
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private void closeTarget() {
        targetKeyspace.close();
    }
}
