package dev.redismigrate.sync.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command stream as received from the source, in segment files named by replication offset. Offsets follow
 * Redis: a byte's offset is the master's {@code master_repl_offset} right after it was written, so the spool that
 * starts at {@code base} holds bytes {@code base+1, base+2, ...}. Segments wholly covered by a durable checkpoint are
 * deleted, so the disk holds only what the target has not yet safely applied.
 */
public final class StreamSpool {
    private static final long SEGMENT_BYTES = 64L << 20;

    private final Path dir;
    private final List<Segment> segments = new ArrayList<>();
    private long end;

    private record Segment(long base, GrowingFile file) {
        long end() {
            return base + file.length();
        }
    }

    StreamSpool(Path dir, long base) throws IOException {
        this.dir = dir;
        this.end = base;
        roll();
    }

    /** Offset of the last byte received. */
    public synchronized long endOffset() {
        return end;
    }

    public synchronized long baseOffset() {
        return segments.get(0).base();
    }

    public void append(byte[] bytes, int offset, int len) throws IOException {
        Segment current;
        synchronized (this) {
            current = segments.get(segments.size() - 1);
        }
        current.file().append(bytes, offset, len);
        synchronized (this) {
            end += len;
            if (current.file().length() >= SEGMENT_BYTES) {
                current.file().seal();
                roll();
            }
        }
    }

    /**
     * A blocking stream whose first byte is the one at offset {@code after + 1}.
     *
     * @throws IOException when that byte is no longer (or not yet) spooled
     */
    public InputStream reader(long after) throws IOException {
        return new Reader(after);
    }

    /** Everything up to and including {@code offset} is durable on the target: drop whole segments below it. */
    public synchronized void release(long offset) {
        while (segments.size() > 1 && segments.get(0).end() <= offset && segments.get(0).file().sealed()) {
            segments.remove(0).file().delete();
        }
    }

    public synchronized void abandon() {
        segments.forEach(s -> s.file().abandon());
    }

    public synchronized void delete() {
        segments.forEach(s -> s.file().delete());
        segments.clear();
    }

    private void roll() throws IOException {
        segments.add(new Segment(end, new GrowingFile(dir.resolve(String.format("stream-%020d.log", end)))));
    }

    private synchronized Segment segmentHolding(long offset) throws IOException {
        for (Segment segment : segments) {
            boolean last = segment == segments.get(segments.size() - 1);
            if (offset >= segment.base() && (offset < segment.end() || last || !segment.file().sealed())) {
                return segment;
            }
        }
        throw new IOException("replication offset " + (offset + 1) + " is not in the local spool");
    }

    private final class Reader extends InputStream {
        private long position;
        private Segment segment;
        private InputStream current;

        Reader(long after) throws IOException {
            this.position = after;
            open();
        }

        private void open() throws IOException {
            segment = segmentHolding(position);
            current = segment.file().reader(position - segment.base());
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n = current.read(b, off, len);
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (n < 0) {
                    // this segment is sealed and fully read: the next one starts where it ended
                    current.close();
                    open();
                }
            }
        }

        @Override
        public void close() throws IOException {
            current.close();
        }
    }
}
