package dev.redismigrate.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskConflictException;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LocalFileTaskStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    static Path stateDir;

    static Stream<TaskStore> stores() {
        return Stream.of(new InMemoryTaskStore(), new LocalFileTaskStore(stateDir.resolve("s" + System.nanoTime())));
    }

    private static MigrationTask task(String name) {
        return MigrationTask.create(name, SourceSpec.of(RedisUri.parse("redis://app:s3cret-pass@src:6379")),
                TargetSpec.of(RedisUri.parse("redis://dst:6380")), null,
                List.of(ParameterSetting.requested("repl-backlog-size", "256mb")), NOW);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void roundTripsATaskWithoutItsPassword(TaskStore store) throws Exception {
        MigrationTask created = store.create(task("orders"));
        MigrationTask read = store.find(created.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.name()).isEqualTo("orders");
        assertThat(read.source().endpoint().username()).isEqualTo("app");
        assertThat(read.parameters()).containsExactly(ParameterSetting.requested("repl-backlog-size", "256mb"));
        if (store instanceof LocalFileTaskStore) {
            try (Stream<Path> files = Files.walk(stateDir)) {
                assertThat(files.filter(Files::isRegularFile).map(LocalFileTaskStoreTest::read))
                        .noneMatch(content -> content.contains("s3cret-pass"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void updateIsCompareAndSet(TaskStore store) {
        MigrationTask v1 = store.create(task("orders"));
        MigrationTask v2 = store.update(v1.moveTo(TaskStatus.VALIDATED, NOW));
        assertThat(v2.version()).isEqualTo(2);
        assertThatThrownBy(() -> store.update(v1.moveTo(TaskStatus.VALIDATION_FAILED, NOW)))
                .isInstanceOf(TaskConflictException.class);
        assertThat(store.find(v1.id()).orElseThrow().status()).isEqualTo(TaskStatus.VALIDATED);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void progressIsSavedApartFromTheVersion(TaskStore store) {
        MigrationTask v1 = store.create(task("orders"));
        store.saveProgress(v1.id(), Progress.starting(NOW));
        MigrationTask read = store.find(v1.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.progress()).isEqualTo(Progress.starting(NOW));
        store.update(read.moveTo(TaskStatus.VALIDATED, NOW));
        assertThat(store.find(v1.id()).orElseThrow().progress()).isEqualTo(Progress.starting(NOW));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void resolvesByIdOrUniqueName(TaskStore store) {
        MigrationTask a = store.create(task("orders"));
        store.create(task("twin"));
        store.create(task("twin"));
        assertThat(store.resolve(a.id()).id()).isEqualTo(a.id());
        assertThat(store.resolve("orders").id()).isEqualTo(a.id());
        assertThatThrownBy(() -> store.resolve("twin")).isInstanceOf(TaskNotFoundException.class).hasMessageContaining("several");
        assertThatThrownBy(() -> store.resolve("../../etc/passwd")).isInstanceOf(TaskNotFoundException.class);
        assertThat(store.list()).hasSize(3);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
