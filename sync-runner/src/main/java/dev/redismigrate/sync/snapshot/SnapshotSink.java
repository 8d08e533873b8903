package dev.redismigrate.sync.snapshot;

import java.io.IOException;

/** Where the snapshot's commands go (the bounded queue to the writer); may block. */
public interface SnapshotSink {
    /**
     * @param db database of the command, -1 if it applies to no database
     * @param completesKey true for the last command of a key (counts it as applied)
     */
    void write(int db, byte[][] command, boolean completesKey) throws IOException;
}
