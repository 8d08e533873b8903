package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The demo's state directory: a fresh temporary directory, deleted with everything in it on close. */
final class ThrowawayStateDir implements AutoCloseable {
    private final Path dir;

    private ThrowawayStateDir(Path dir) {
        this.dir = dir;
    }

    static ThrowawayStateDir create() throws IOException {
        return new ThrowawayStateDir(Files.createTempDirectory("redis-migrate-demo-"));
    }

    Path dir() {
        return dir;
    }

    /** The local composition over this directory, as every local command builds it. */
    LocalServices services() {
        StateDirOption state = StateDirOption.at(dir);
        return new LocalServices(state.store(), new LocalSecretResolver(), state.spoolDir());
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the demo's state directory " + dir, e);
        }
    }
}
