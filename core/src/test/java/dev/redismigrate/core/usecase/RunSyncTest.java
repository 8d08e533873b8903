package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What {@link RunSync} saves of a run of every shard of a cluster source in this process. */
class RunSyncTest {
    private static final Instant NOW = Instant.parse("2026-12-06T22:00:00Z");
    private static final SyncShard A = new SyncShard("0-5460", "10.0.0.1:7000", "0-5460");
    private static final SyncShard B = new SyncShard("5461-10922", "10.0.0.2:7000", "5461-10922");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();

    @Test
    void aRunOfEveryShardSavesEachShardsReportBesideItsTotal() {
        MigrationTask task = syncingTaskWithShards(A, B);
        Progress total = report(30);
        SyncRunner engine = new SyncRunner() {
            @Override
            public Result run(Request request, Control control, Consumer<Progress> progress) {
                throw new AssertionError("RunSync asks for the shards' reports too");
            }

            @Override
            public Result run(Request request, Control control, Consumer<Progress> progress,
                              BiConsumer<SyncShard, Progress> shards) {
                shards.accept(A, report(10));
                shards.accept(B, report(20));
                progress.accept(total);
                return new Result(DesiredState.FINISH, new TaskSummary(30, 0, 0, Map.of(), Map.of()));
            }
        };
        List<Progress> listened = new ArrayList<>();

        new RunSync(store, engine, (t, drained) -> FinishGate.Verdict.passed("consistent"), clock)
                .run(task.id(), RedisEndpoint.of("dst", 6379), listened::add);

        MigrationTask read = store.find(task.id()).orElseThrow();
        assertThat(read.progress()).isEqualTo(total);
        assertThat(read.progressOf(A).keysApplied()).isEqualTo(10);
        assertThat(read.progressOf(B).keysApplied()).isEqualTo(20);
        assertThat(listened).as("the listener sees the total only").containsExactly(total);
    }

    private MigrationTask syncingTaskWithShards(SyncShard... shards) {
        MigrationTask created = store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 7000)),
                TargetSpec.of(RedisEndpoint.of("dst", 6379)), null, List.of(), NOW));
        store.update(created.id(), t -> t.withValidation(new ValidationReport(NOW, List.of(), null, null,
                List.of(shards)), NOW));
        for (TaskStatus next : List.of(TaskStatus.VALIDATED, TaskStatus.VALIDATING, TaskStatus.SYNCING)) {
            store.update(created.id(), t -> t.moveTo(next, NOW));
        }
        return store.find(created.id()).orElseThrow();
    }

    private static Progress report(long keys) {
        return new Progress(NOW, SyncPhase.INCREMENTAL, 10, 10, 10, 0, keys, 100, 100, 0, 0, 0,
                Map.of(0, new DbKeyCount(keys, 0)), Map.of(0, new DbKeyCount(30, 0)), "r", NOW, null, null);
    }
}
