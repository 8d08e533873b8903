package dev.redismigrate.sync.source;

import dev.redismigrate.sync.spool.SnapshotSpool;
import dev.redismigrate.sync.spool.StreamSpool;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Where a session reads: one replication stream (a snapshot, then commands at exact offsets) into the local spool.
 * {@link ReplicationLink} is a replica of one server. A cluster source runs one session per primary shard, each with a
 * source of its own, offsets and checkpoints of its own.
 */
public interface SyncSource extends Closeable {
    /** How the source answered: a full resync (a snapshot follows) or a continuation from the requested offset. */
    record Start(boolean full, String replId, long offset) {
    }

    /** Opens a new source for each session (a lost link ends the session; the next one connects again). */
    @FunctionalInterface
    interface Connector {
        SyncSource connect();
    }

    /**
     * Asks for the stream after {@code offset} of {@code replId} (the last offset already applied), or for a full
     * resync when {@code replId} is null.
     */
    Start start(String replId, long offset) throws IOException;

    /** After a full resync: the snapshot into the spool, at network speed. */
    void receiveSnapshot(SnapshotSpool spool) throws IOException;

    /** The command stream into the spool until the link breaks or is closed; reports each new end offset. */
    void pumpStream(StreamSpool spool, LongConsumer received) throws IOException;

    /** Tells the source the offset the target has applied. */
    void ack(long offset) throws IOException;

    @Override
    void close();
}
