package dev.redismigrate.sync.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The local directory of one sync run: the snapshot file, the stream segments and key logs. */
public final class Spool {
    private final Path dir;

    public Spool(Path dir) {
        this.dir = dir;
    }

    /** Empties (or creates) the directory: a spool never outlives the run that wrote it. */
    public void reset() {
        deleteAll();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create spool directory " + dir, e);
        }
    }

    public SnapshotSpool newSnapshot() throws IOException {
        Path path = dir.resolve("snapshot.rdb");
        Files.deleteIfExists(path);
        return new SnapshotSpool(path);
    }

    public StreamSpool newStream(long base) throws IOException {
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old.filter(p -> p.getFileName().toString().startsWith("stream-"))::iterator) {
                Files.deleteIfExists(p);
            }
        }
        return new StreamSpool(dir, base);
    }

    /** A new, empty {@link KeyLog} named {@code name} in this spool. */
    public KeyLog newKeyLog(String name) throws IOException {
        Files.createDirectories(dir);
        return new KeyLog(dir.resolve(name));
    }

    public void deleteAll() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
