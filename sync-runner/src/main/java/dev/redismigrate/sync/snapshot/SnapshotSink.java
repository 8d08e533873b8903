package dev.redismigrate.sync.snapshot;

import java.io.IOException;

/** Where the snapshot's commands go (the bounded queue to the writer); may block. */
public interface SnapshotSink {
    /**
     * @param db database of the command, -1 if it applies to no database
     * @param keysCompleted how many keys the command completes (they count as applied once it is acknowledged)
     */
    void write(int db, byte[][] command, int keysCompleted) throws IOException;
}
