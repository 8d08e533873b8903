package dev.redismigrate.sync.stream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the replication stream's commands ({@code *N\r\n$len\r\narg\r\n...}) and counts every byte, so each command's
 * end maps to an exact replication offset.
 */
final class CommandParser {
    private final InputStream in;
    private final byte[] buf = new byte[256 * 1024];
    private int pos;
    private int limit;
    private long consumed;

    CommandParser(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far (through the end of the last command returned). */
    long consumed() {
        return consumed;
    }

    byte[][] next() throws IOException {
        int type = readByte();
        while (type == '\n' || type == '\r') {
            type = readByte();
        }
        if (type != '*') {
            throw new IOException("unexpected byte '" + (char) type + "' in the replication stream");
        }
        int count = (int) readNumber();
        byte[][] args = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (readByte() != '$') {
                throw new IOException("malformed command in the replication stream");
            }
            int len = (int) readNumber();
            args[i] = readBytes(len);
            if (readByte() != '\r' || readByte() != '\n') {
                throw new IOException("malformed argument in the replication stream");
            }
        }
        return args;
    }

    private long readNumber() throws IOException {
        long value = 0;
        boolean negative = false;
        int b = readByte();
        if (b == '-') {
            negative = true;
            b = readByte();
        }
        while (b != '\r') {
            if (b < '0' || b > '9') {
                throw new IOException("malformed length in the replication stream");
            }
            value = value * 10 + (b - '0');
            b = readByte();
        }
        if (readByte() != '\n') {
            throw new IOException("malformed line end in the replication stream");
        }
        return negative ? -value : value;
    }

    private int readByte() throws IOException {
        if (pos == limit) {
            fill();
        }
        consumed++;
        return buf[pos++] & 0xff;
    }

    private byte[] readBytes(int len) throws IOException {
        byte[] out = new byte[len];
        int copied = 0;
        while (copied < len) {
            if (pos == limit) {
                fill();
            }
            int n = Math.min(len - copied, limit - pos);
            System.arraycopy(buf, pos, out, copied, n);
            pos += n;
            copied += n;
        }
        consumed += len;
        return out;
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            throw new EOFException("replication stream ended");
        }
        pos = 0;
        limit = n;
    }
}
