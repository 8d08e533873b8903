package dev.redismigrate.sync.source;

import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.resp.RespError;
import dev.redismigrate.sync.spool.SnapshotSpool;
import dev.redismigrate.sync.spool.StreamSpool;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source side of replication: this process presents itself as a replica ({@code PSYNC}, or {@code SYNC} for
 * sources without it), receives the snapshot in either transfer form and then the command stream, and writes both
 * verbatim to the local spool. It never waits for the target, so the source's output buffer for us drains at
 * network speed. Acknowledgements ({@code REPLCONF ACK}) report the offset the target has applied.
 */
public final class ReplicationLink implements SyncSource {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationLink.class);
    private static final int EOF_MARK_LENGTH = 40;

    private final RespConnection connection;
    private final Object writeLock = new Object();
    private volatile boolean acksAllowed;
    /** Stream bytes that arrived in the same read as the end of a diskless snapshot. */
    private byte[] leftover = new byte[0];

    public ReplicationLink(RespConnection connection) {
        this.connection = connection;
    }

    /**
     * Handshake and {@code PSYNC}. {@code replId == null} asks for a full resync. {@code offset} is the last offset
     * already applied; the source sends from {@code offset + 1}.
     */
    @Override
    public Start start(String replId, long offset) throws IOException {
        int listeningPort = connection.localPort();
        connection.setReadTimeout(Duration.ofSeconds(60));
        Object ping = connection.call("PING");
        if (ping instanceof RespError error && !error.message().startsWith("NOAUTH")) {
            // a source that is loading or refuses us says so here; NOAUTH is reported by PSYNC below with context
            throw refused("source answered PING with " + error.message(), error);
        }
        // Old sources reject these options; like a real replica we go on without them.
        connection.call("REPLCONF", "listening-port", Integer.toString(listeningPort));
        connection.call("REPLCONF", "capa", "eof", "capa", "psync2");
        connection.send(bytes("PSYNC"), bytes(replId == null ? "?" : replId),
                bytes(Long.toString(replId == null ? -1 : offset + 1)));
        connection.flush();
        String reply = readStatusLine();
        if (reply.startsWith("+FULLRESYNC")) {
            String[] parts = reply.split(" ");
            return new Start(true, parts[1], Long.parseLong(parts[2]));
        }
        if (reply.startsWith("+CONTINUE")) {
            String[] parts = reply.split(" ");
            return new Start(false, parts.length > 1 ? parts[1] : replId, offset);
        }
        if (reply.startsWith("-ERR unknown command")) {
            // Redis < 2.8 knows only SYNC: a snapshot, no replication id, offsets counted from 0 by us.
            connection.send(bytes("SYNC"));
            connection.flush();
            return new Start(true, null, 0);
        }
        throw refused("source refused replication: " + reply.substring(1), new RespError(reply.substring(1)));
    }

    /** A source user without a permission fails every attempt alike; a loading or busy source is worth another. */
    private static SyncFailure refused(String message, RespError error) {
        return new SyncFailure(SyncFailure.Side.SOURCE,
                error.permissionDenied() ? SyncFailure.Kind.PERMISSION_DENIED : SyncFailure.Kind.CONNECTION, message);
    }

    /**
     * Reads the snapshot into the spool: {@code $<len>} then len bytes (disk-based transfer), or
     * {@code $EOF:<40-byte mark>} then bytes up to that mark (diskless transfer).
     */
    @Override
    public void receiveSnapshot(SnapshotSpool spool) throws IOException {
        connection.setReadTimeout(Duration.ofMinutes(5));
        String header = readStatusLine();
        if (!header.startsWith("$")) {
            throw new IOException("source sent " + header + " instead of a snapshot");
        }
        InputStream in = connection.input();
        byte[] buffer = new byte[256 * 1024];
        if (header.startsWith("$EOF:")) {
            byte[] mark = header.substring(5).getBytes(StandardCharsets.US_ASCII);
            if (mark.length != EOF_MARK_LENGTH) {
                throw new IOException("source sent a malformed diskless snapshot header");
            }
            leftover = receiveUntilMark(in, spool, mark, buffer);
        } else {
            long size = Long.parseLong(header.substring(1));
            spool.expectSize(size);
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException("source closed the link during the snapshot");
                }
                spool.append(buffer, 0, n);
                left -= n;
            }
            spool.complete(size);
        }
        connection.setReadTimeout(Duration.ofSeconds(60));
        // Redis 7 starts the command stream of a diskless transfer only after the first ACK.
        acksAllowed = true;
    }

    /** Copies the command stream into the spool until the link breaks or is closed; reports each new end offset. */
    @Override
    public void pumpStream(StreamSpool spool, LongConsumer received) throws IOException {
        acksAllowed = true;
        InputStream in = connection.input();
        if (leftover.length > 0) {
            spool.append(leftover, 0, leftover.length);
            leftover = new byte[0];
            received.accept(spool.endOffset());
        }
        byte[] buffer = new byte[256 * 1024];
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new EOFException("source closed the replication link");
            }
            spool.append(buffer, 0, n);
            received.accept(spool.endOffset());
        }
    }

    /** {@code REPLCONF ACK <offset>}; the source drops replicas that stay silent for {@code repl-timeout}. */
    @Override
    public void ack(long offset) throws IOException {
        if (!acksAllowed) {
            return;
        }
        synchronized (writeLock) {
            connection.send(bytes("REPLCONF"), bytes("ACK"), bytes(Long.toString(offset)));
            connection.flush();
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    /** A status line, skipping the bare newlines a source sends as keep-alive while it prepares the snapshot. */
    private String readStatusLine() throws IOException {
        InputStream in = connection.input();
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("source closed the replication link");
            }
            if (b == '\n') {
                if (line.length() == 0) {
                    continue;
                }
                int last = line.length() - 1;
                if (line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                if (line.length() > 0) {
                    return line.toString();
                }
                continue;
            }
            line.append((char) b);
        }
    }

    /** Returns what followed the mark in the same read (the start of the command stream). */
    private static byte[] receiveUntilMark(InputStream in, SnapshotSpool spool, byte[] mark, byte[] buffer)
            throws IOException {
        // The mark may straddle two reads, so the last 39 bytes are held back until the next read proves otherwise.
        byte[] held = new byte[0];
        long total = 0;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new EOFException("source closed the link during the snapshot");
            }
            byte[] window;
            int length;
            if (held.length == 0) {
                window = buffer;
                length = n;
            } else {
                window = new byte[held.length + n];
                System.arraycopy(held, 0, window, 0, held.length);
                System.arraycopy(buffer, 0, window, held.length, n);
                length = window.length;
            }
            int at = indexOf(window, length, mark);
            if (at >= 0) {
                spool.append(window, 0, at);
                total += at;
                spool.complete(total);
                LOG.debug("diskless snapshot of {} bytes received", total);
                return Arrays.copyOfRange(window, at + EOF_MARK_LENGTH, length);
            }
            int keep = Math.min(length, EOF_MARK_LENGTH - 1);
            spool.append(window, 0, length - keep);
            total += length - keep;
            held = Arrays.copyOfRange(window, length - keep, length);
        }
    }

    private static int indexOf(byte[] data, int length, byte[] pattern) {
        byte first = pattern[0];
        outer:
        for (int i = 0; i <= length - pattern.length; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
