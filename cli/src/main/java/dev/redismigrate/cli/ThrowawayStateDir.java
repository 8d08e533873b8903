package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's state directory: a fresh temporary directory, deleted with everything in it on close. What cannot be
 * deleted is left, and said in a warning naming it: the directory holds the demo's tasks and spool files.
 */
final class ThrowawayStateDir implements AutoCloseable {
    /** How one path is deleted ({@link Files#delete}); a test makes it fail. */
    interface Deletion {
        void delete(Path path) throws IOException;
    }

    private final Path dir;
    private final PrintWriter err;
    private final Deletion deletion;

    ThrowawayStateDir(Path dir, PrintWriter err, Deletion deletion) {
        this.dir = dir;
        this.err = err;
        this.deletion = deletion;
    }

    /** @param err where a failed delete is reported */
    static ThrowawayStateDir create(PrintWriter err) throws IOException {
        return new ThrowawayStateDir(Files.createTempDirectory("redis-migrate-demo-"), err, Files::delete);
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
        List<String> failures = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    deletion.delete(path);
                } catch (IOException e) {
                    failures.add(path + " (" + e.getClass().getSimpleName() + ")");
                }
            });
        } catch (IOException | UncheckedIOException e) {
            failures.add(dir + " (" + e.getMessage() + ")");
        }
        if (!failures.isEmpty()) {
            err.println("redis-migrate: warning: the demo's state directory " + dir + " is not removed entirely: "
                    + failures.size() + " path(s) could not be deleted, first " + failures.get(0)
                    + "; delete it by hand");
            err.flush();
        }
    }
}
