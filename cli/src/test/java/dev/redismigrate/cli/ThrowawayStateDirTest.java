package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrowawayStateDirTest {
    @TempDir
    Path parent;

    @Test
    void whatCannotBeDeletedIsNamedInAWarningAndTheRestIsDeleted() throws IOException {
        Path dir = Files.createDirectories(parent.resolve("redis-migrate-demo-1"));
        Path stuck = Files.writeString(dir.resolve("stuck.json"), "{}");
        Path spool = Files.writeString(Files.createDirectories(dir.resolve("spool")).resolve("0001"), "x");
        StringWriter err = new StringWriter();

        new ThrowawayStateDir(dir, new PrintWriter(err), path -> {
            if (path.equals(stuck)) {
                throw new AccessDeniedException(path.toString());
            }
            Files.delete(path);
        }).close();

        assertThat(spool).doesNotExist();
        assertThat(stuck).exists();
        assertThat(err.toString()).startsWith("redis-migrate: warning: the demo's state directory " + dir)
                .contains("2 path(s) could not be deleted, first " + stuck + " (AccessDeniedException)")
                .contains("delete it by hand").hasLineCount(1);
    }

    @Test
    void aDirectoryDeletedEntirelySaysNothing() throws IOException {
        StringWriter err = new StringWriter();
        ThrowawayStateDir stateDir = ThrowawayStateDir.create(new PrintWriter(err));
        Files.writeString(stateDir.dir().resolve("task.json"), "{}");

        stateDir.close();

        assertThat(stateDir.dir()).doesNotExist();
        assertThat(err.toString()).isEmpty();
    }
}
