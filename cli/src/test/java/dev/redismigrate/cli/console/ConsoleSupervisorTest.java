package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSupervisorTest {
    @Test
    void aTaskThatFailsToBeLookedAtDoesNotKeepTheOthersFromBeingLookedAt() {
        InMemoryTaskStore store = new InMemoryTaskStore();
        store.create(task("orders"));
        store.create(task("sessions"));
        List<String> kept = new ArrayList<>();
        TaskEvents events = new TaskEvents();
        ConsoleSupervisor supervisor = new ConsoleSupervisor(store, new ProgressSeries(), events, new EventStream(),
                new TaskViews(events, id -> null, ConsoleMode.LOCAL), t -> {
                    if (kept.isEmpty()) {
                        kept.add("failed " + t.name());
                        throw new UncheckedIOException(new IOException("cannot delete a password file"));
                    }
                    kept.add(t.name());
                });

        supervisor.tick();

        assertThat(kept).as("the task after the failing one is still handed to the keeper").hasSize(2);
    }

    private static MigrationTask task(String name) {
        return MigrationTask.create(name, new SourceSpec(RedisUri.parse("redis://127.0.0.1:6379"), null, null),
                new TargetSpec(RedisUri.parse("redis://127.0.0.1:6380"), null, false, false), null,
                ParameterCatalogue.defaultsWith(Map.of()), Instant.now());
    }
}
