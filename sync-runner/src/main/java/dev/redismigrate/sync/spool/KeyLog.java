package dev.redismigrate.sync.spool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keys (with their database) appended to a file of the spool and read back in order: a list that may grow to
 * millions of keys without taking heap. Appends come from any thread.
 */
public final class KeyLog implements AutoCloseable {
    /** What reading back hands each key to. */
    public interface Visitor {
        void key(int db, byte[] key) throws IOException;
    }

    private final Path path;
    private final DataOutputStream out;
    private long size;

    KeyLog(Path path) throws IOException {
        this.path = path;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024));
    }

    public synchronized void append(int db, byte[] key) throws IOException {
        out.writeInt(db);
        out.writeInt(key.length);
        out.write(key);
        size++;
    }

    public synchronized long size() {
        return size;
    }

    /** Every key appended so far, in order. */
    public synchronized void forEach(Visitor visitor) throws IOException {
        out.flush();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 64 * 1024))) {
            for (long i = 0; i < size; i++) {
                int db = in.readInt();
                byte[] key = new byte[in.readInt()];
                in.readFully(key);
                visitor.key(db, key);
            }
        } catch (EOFException e) {
            throw new IOException("the key log " + path + " ended early", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
        Files.deleteIfExists(path);
    }
}
