package dev.redismigrate.sync.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The snapshot (RDB) as received from the source, kept on local disk. The source's output buffer drains at network
 * speed no matter how slow the target is, and a target reconnect can re-apply the snapshot without a new one.
 */
public final class SnapshotSpool {
    private final GrowingFile file;
    private volatile long expectedSize = -1;

    SnapshotSpool(Path path) throws IOException {
        this.file = new GrowingFile(path);
    }

    /** The announced size ({@code $<len>} transfer), or -1 for a diskless ({@code $EOF:}) transfer until its end. */
    public long expectedSize() {
        return expectedSize;
    }

    public void expectSize(long size) {
        this.expectedSize = size;
    }

    public void append(byte[] bytes, int offset, int len) throws IOException {
        file.append(bytes, offset, len);
    }

    public long received() {
        return file.length();
    }

    public boolean complete() {
        return file.sealed();
    }

    public void complete(long size) throws IOException {
        expectedSize = size;
        file.seal();
    }

    public void abandon() {
        file.abandon();
    }

    public InputStream reader() throws IOException {
        return file.reader(0);
    }

    public void delete() {
        file.delete();
    }
}
