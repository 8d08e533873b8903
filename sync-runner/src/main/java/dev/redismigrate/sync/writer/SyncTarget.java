package dev.redismigrate.sync.writer;

import dev.redismigrate.sync.entry.EntryQueue;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.ttl.PushedExpiries;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a session writes: what the target is, where its data stands (the checkpoint), and the writer of the session's
 * entries. {@link StandaloneTarget} is one server; {@code cluster.ClusterTarget} a Redis Cluster (keys routed by slot to
 * a connection per primary, a watermark and a checkpoint per slot). The session does not change.
 */
public interface SyncTarget extends AutoCloseable {
    /**
     * What a session finds on the target before it asks the source for anything.
     *
     * @param runId an identity that changes when the target restarts ({@code run_id}; for several nodes, all of theirs)
     * @param checkpoint where the target's data stands in the source's stream; for a cluster, the watermark that every
     *                   node has applied (its writer then skips what each slot's own checkpoint says it holds beyond)
     */
    record Found(TargetFacts facts, String runId, Optional<Checkpoint> checkpoint) {
    }

    /** Opens a target for each session, and removes the task's checkpoint when the sync ends. */
    interface Connector {
        SyncTarget connect(String taskId);

        /** After FINISH or CANCEL: the checkpoint key leaves the target (best effort, logged when it fails). */
        void removeCheckpoint(String taskId);
    }

    /**
     * Checks the target can be written (a {@code TARGET_UNSUPPORTED} failure if not), fences off the writer of an
     * earlier attempt (nothing it left in flight may land after the checkpoint is read), then reads the checkpoint.
     * Called once, first.
     */
    Found open() throws IOException;

    /** The writer of this session's entries, continuing the stream of {@code replId}; after {@link #open()}. */
    EntryWriter writer(EntryQueue queue, SyncState state, String replId, EntryWriter.Listener listener);

    /**
     * The TTL repair once the stream has caught up ({@code TtlRestorer}) over the keys {@code pushed} names (the
     * whole target when that list is missing or incomplete); returns how many expiries it restored.
     */
    long restoreTtls(PushedExpiries pushed) throws IOException;

    @Override
    void close();
}
