package dev.redismigrate.sync.resp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@link java.io.BufferedOutputStream} without its lock. A command is written in five calls per argument, and
 * {@code BufferedOutputStream} takes its monitor in each: about 35 uncontended locks per snapshot key, most of the
 * target writer's CPU in a profile. A connection's writes come from one thread at a time ({@link RespConnection}).
 */
final class UnsynchronizedBufferedOutputStream extends OutputStream {
    private final OutputStream out;
    private final byte[] buffer;
    private int count;

    UnsynchronizedBufferedOutputStream(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[size];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - count) {
            drain();
            if (length > buffer.length) {
                out.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }
}
