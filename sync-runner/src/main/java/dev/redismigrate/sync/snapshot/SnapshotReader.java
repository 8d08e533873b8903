package dev.redismigrate.sync.snapshot;

import com.moilioncircle.redis.replicator.Configuration;
import com.moilioncircle.redis.replicator.RedisRdbReplicator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a spooled snapshot with redis-replicator (which knows every RDB encoding from version 6 to 12) and hands
 * each record to a {@link SnapshotVisitor}. Runs on the reader thread; the spool stream blocks while the snapshot is
 * still arriving, so applying overlaps receiving.
 */
public final class SnapshotReader {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);
    private static final int EMPTY_RDB_VERSION = 9;
    /** {@code REDIS0009}, end of file, a zero checksum (not checked). */
    private static final byte[] EMPTY_RDB = {'R', 'E', 'D', 'I', 'S', '0', '0', '0', '9', (byte) 0xff, 0, 0, 0, 0, 0, 0,
            0, 0};
    private final int targetRdbVersion;
    private final long bigKeyBytes;
    private final LongSupplier clock;
    private volatile CountingInputStream counted;

    public SnapshotReader(int targetRdbVersion, long bigKeyBytes, LongSupplier clock) {
        this.targetRdbVersion = targetRdbVersion;
        this.bigKeyBytes = bigKeyBytes;
        this.clock = clock;
    }

    /**
     * Parses an empty snapshot on a thread of its own, so that the first real one does not wait for what the JVM
     * loads once: the parser's classes, and the default TLS context (its trust store, a few hundred ms of CPU) that
     * the library's {@link Configuration} creates even for a local file.
     */
    public static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            try {
                new SnapshotReader(EMPTY_RDB_VERSION, 1 << 20, System::currentTimeMillis)
                        .read(new java.io.ByteArrayInputStream(EMPTY_RDB), (db, command, keys) -> { });
            } catch (IOException | RuntimeException e) {
                LOG.debug("preparing the snapshot parser failed; the first snapshot does it instead", e);
            }
        }, "snapshot-reader-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads the whole snapshot; returns the bytes consumed. */
    public long read(InputStream rdb, SnapshotSink sink) throws IOException {
        counted = new CountingInputStream(rdb);
        Configuration configuration = Configuration.defaultSetting()
                .setBufferSize(64 * 1024)
                .setUseDefaultExceptionListener(false);
        RedisRdbReplicator replicator = new RedisRdbReplicator(counted, configuration);
        SnapshotVisitor visitor = new SnapshotVisitor(replicator, sink, targetRdbVersion, bigKeyBytes, clock);
        replicator.setRdbVisitor(visitor);
        replicator.addExceptionListener((r, e, event) -> {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        });
        try {
            replicator.open();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        visitor.finish();
        return counted.count();
    }

    /** How far into the snapshot the parser is (within one read-ahead buffer). */
    public long position() {
        CountingInputStream c = counted;
        return c == null ? 0 : c.count();
    }

    /** Bytes pulled from the spool; the replicator reads ahead by at most its buffer. */
    public static final class CountingInputStream extends java.io.FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        public long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
