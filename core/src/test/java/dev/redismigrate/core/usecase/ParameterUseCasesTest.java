package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ParameterUseCasesTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final MigrationTask task = store.create(MigrationTask.create("orders",
            SourceSpec.of(RedisEndpoint.of("src", 6379)), TargetSpec.of(RedisEndpoint.of("dst", 6380)), null,
            List.of(ParameterSetting.requested("repl-timeout", "600"),
                    ParameterSetting.requested("repl-backlog-size", "268435456")), NOW));

    /** A source holding its configuration in a map; it remembers what the task held at the moment of each change. */
    private final class FakeSource implements SourceParameters {
        final Map<String, String> config = new HashMap<>(Map.of("repl-timeout", "60", "repl-backlog-size", "1048576"));
        List<ParameterSetting> storedWhenChanging;

        @Override
        public Applied apply(SourceSpec source, List<ParameterSetting> requested, Consumer<List<ParameterSetting>> recorded) {
            List<ParameterSetting> intended = requested.stream()
                    .map(s -> s.applied() ? s : s.appliedOver(config.get(s.name()))).toList();
            recorded.accept(intended);
            storedWhenChanging = store.find(task.id()).orElseThrow().parameters();
            intended.forEach(s -> config.put(s.name(), s.requested()));
            return new Applied(intended, List.of("a warning"));
        }

        @Override
        public Applied restore(SourceSpec source, List<ParameterSetting> settings) {
            List<ParameterSetting> restored = settings.stream().map(s -> {
                if (!s.applied()) {
                    return s;
                }
                config.put(s.name(), s.previous());
                return s.restored();
            }).toList();
            return new Applied(restored, List.of());
        }
    }

    private final FakeSource source = new FakeSource();

    @Test
    void previousValuesAreStoredBeforeTheSourceChanges() {
        SourceParameters.Applied applied = new ApplySourceParameters(store, source, CLOCK).apply(task.id());

        assertThat(source.storedWhenChanging).extracting(ParameterSetting::previous).containsExactly("60", "1048576");
        assertThat(source.config).containsEntry("repl-timeout", "600");
        assertThat(applied.warnings()).containsExactly("a warning");
        assertThat(store.find(task.id()).orElseThrow().parameters()).allMatch(ParameterSetting::applied);
    }

    @Test
    void restorePutsTheOldValuesBackAndMarksThemRestored() {
        new ApplySourceParameters(store, source, CLOCK).apply(task.id());

        new RestoreSourceParameters(store, source, CLOCK).restore(task.id());

        assertThat(source.config).containsEntry("repl-timeout", "60").containsEntry("repl-backlog-size", "1048576");
        assertThat(store.find(task.id()).orElseThrow().parameters()).noneMatch(ParameterSetting::applied)
                .extracting(ParameterSetting::previous).containsExactly("60", "1048576");
    }

    @Test
    void aRetriedApplyKeepsTheValuesRecordedTheFirstTime() {
        new ApplySourceParameters(store, source, CLOCK).apply(task.id());

        new ApplySourceParameters(store, source, CLOCK).apply(task.id());

        assertThat(store.find(task.id()).orElseThrow().parameters()).extracting(ParameterSetting::previous)
                .containsExactly("60", "1048576");
    }
}
