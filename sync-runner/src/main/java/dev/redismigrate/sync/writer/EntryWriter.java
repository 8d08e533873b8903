package dev.redismigrate.sync.writer;

import java.io.IOException;
import java.time.Duration;

/**
 * Applies a session's entries to the target, on the session's writer thread; built by {@link SyncTarget#writer}.
 *
 * <p>What it takes from the queue: {@code SnapshotBegin} (flush the target first or not; write a {@code state
 * snapshot} checkpoint before any data), {@code SnapshotWrite} (one command for a database, with the keys it completes
 * and its position in the RDB), {@code SnapshotEnd} (a {@code state stream} checkpoint at the snapshot's offset) and
 * {@code StreamBlock} (the commands of one source transaction with their databases, its end offset and whether the
 * source asked for an ACK there: a block is applied whole, inside {@code MULTI ... EXEC} with the checkpoint covering
 * it).
 *
 * <p>What it reports: in {@code SyncState}, only once the target has answered, the applied offset (for several
 * connections, the offset every one of them has applied), the durable offset and {@code checkpointAt}, keys and
 * snapshot bytes applied, stream commands applied and runtime errors inside {@code EXEC}, and the phase
 * {@code INCREMENTAL} at the snapshot's end; through the {@link Listener}, checkpoints and answerable ACKs. A reply
 * failure ends {@link #run()}: a command the target refuses as a typed fatal {@code SyncFailure}, anything else (a
 * lost connection) as it was, which the runner retries.
 */
public interface EntryWriter {
    /** What the writer tells the rest of the sync. */
    interface Listener {
        /** Everything through {@code offset} is durable on the target. */
        void checkpointed(long offset);

        /** The source asked for an acknowledgement, now answerable with {@code offset}. */
        void ackRequested(long offset);

        /** A command of the stream, as written while expiries are pushed (the TTL gap guard). */
        void writtenWhileGuarding(int db, byte[][] command) throws IOException;
    }

    /** Applies entries until {@link #stop()} or a failure (rethrown). */
    void run() throws Exception;

    void stop();

    /**
     * After {@link #stop()}: waits until the target has answered every write sent, so nothing this writer sent can
     * land after a later write on another connection (the checkpoint's removal at FINISH). False on timeout.
     */
    boolean awaitAnswered(Duration timeout) throws InterruptedException;
}
