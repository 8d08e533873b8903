package dev.redismigrate.core.store;

import dev.redismigrate.core.task.TaskStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

class LocalFileTaskStoreTest extends TaskStoreContract {
    @TempDir
    Path stateDir;

    @Override
    protected TaskStore newStore() {
        return new LocalFileTaskStore(stateDir);
    }

    @Override
    protected Stream<String> persistedText() throws IOException {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile).map(LocalFileTaskStoreTest::read).toList().stream();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
