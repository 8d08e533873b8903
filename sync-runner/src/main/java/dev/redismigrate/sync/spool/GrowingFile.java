package dev.redismigrate.sync.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file one thread appends to (at network speed) while others read it from behind (at target speed). Readers
 * block at the end until more is appended, the file is sealed (then they see end of file), or it is abandoned.
 */
final class GrowingFile {
    private final Path path;
    private final FileChannel writer;
    private long length;
    private boolean sealed;
    private boolean abandoned;

    GrowingFile(Path path) throws IOException {
        this.path = path;
        this.writer = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    void append(byte[] bytes, int offset, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, len);
        while (buffer.hasRemaining()) {
            writer.write(buffer);
        }
        synchronized (this) {
            length += len;
            notifyAll();
        }
    }

    synchronized long length() {
        return length;
    }

    synchronized boolean sealed() {
        return sealed;
    }

    /** No more bytes will come: readers see end of file after the last one. */
    void seal() throws IOException {
        writer.close();
        synchronized (this) {
            sealed = true;
            notifyAll();
        }
    }

    /** The writer gave up (or the session stops): blocked readers fail instead of waiting forever. */
    void abandon() {
        try {
            writer.close();
        } catch (IOException ignored) {
            // abandoning anyway
        }
        synchronized (this) {
            abandoned = true;
            notifyAll();
        }
    }

    void delete() {
        abandon();
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover spool file is removed with its directory
        }
    }

    /** A blocking stream over the bytes from {@code position} on. */
    InputStream reader(long position) throws IOException {
        return new Reader(FileChannel.open(path, StandardOpenOption.READ), position);
    }

    /** Waits until more than {@code position} bytes exist; false at the sealed end. */
    private synchronized boolean awaitBeyond(long position) throws IOException {
        while (length <= position) {
            if (sealed) {
                return false;
            }
            if (abandoned) {
                throw new IOException("spool " + path.getFileName() + " was abandoned");
            }
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for replication data");
            }
        }
        return true;
    }

    private final class Reader extends InputStream {
        private final FileChannel channel;
        private long position;

        Reader(FileChannel channel, long position) {
            this.channel = channel;
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!awaitBeyond(position)) {
                return -1;
            }
            long available = length() - position;
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, available)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
