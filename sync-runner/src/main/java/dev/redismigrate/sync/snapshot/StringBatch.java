package dev.redismigrate.sync.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain strings (no TTL, no LRU/LFU data: most keys of most datasets) collected into {@code MSET}s: one command for
 * many keys costs the target a fraction of one {@code RESTORE} per key, which is where a full sync spends its time.
 */
final class StringBatch {
    private static final int MAX_KEYS = 200;
    private static final long MAX_BYTES = 256 * 1024;
    private static final byte[] MSET = KeyMeta.ascii("MSET");

    private final SnapshotSink sink;
    private final List<byte[]> args = new ArrayList<>();
    private int db = -1;
    private long bytes;

    StringBatch(SnapshotSink sink) {
        this.sink = sink;
    }

    void add(int keyDb, byte[] key, byte[] value) throws IOException {
        if (keyDb != db) {
            flush();
            db = keyDb;
        }
        if (args.isEmpty()) {
            args.add(MSET);
        }
        args.add(key);
        args.add(value);
        bytes += key.length + value.length;
        if (args.size() / 2 >= MAX_KEYS || bytes >= MAX_BYTES) {
            flush();
        }
    }

    void flush() throws IOException {
        if (args.isEmpty()) {
            return;
        }
        int keys = args.size() / 2;
        sink.write(db, args.toArray(new byte[0][]), keys);
        args.clear();
        bytes = 0;
    }
}
