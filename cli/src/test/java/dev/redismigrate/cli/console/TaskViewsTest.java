package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskViewsTest {
    private static final Instant AT = Instant.parse("2026-12-06T22:00:00Z");
    private static final SyncShard A = new SyncShard("0-5460", "10.0.0.1:7000", "0-5460");
    private static final SyncShard B = new SyncShard("5461-10922", "10.0.0.2:7000", "5461-10922,16000");

    private final MigrationTask created = MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("10.0.0.1", 7000)),
            TargetSpec.of(RedisEndpoint.of("10.0.0.9", 6379)), null, List.of(), AT);

    @Test
    void theTaskPageHasARowPerShardWithItsPrimaryPhaseOffsetsLagAndSourceKeys() {
        Progress a = new Progress(AT, SyncPhase.INCREMENTAL, 10, 10, 10, 0, 7, 1200, 1150, 50, 300, 0,
                Map.of(0, new DbKeyCount(5, 0), 3, new DbKeyCount(2, 0)), Map.of(0, new DbKeyCount(60, 0)), "r", AT,
                null, null);
        MigrationTask task = created.withValidation(new ValidationReport(AT, List.of(), null, null, List.of(A, B)), AT)
                .withSyncProgress(a, Map.of(A.id(), a));

        assertThat(TaskViews.shards(task)).containsExactly(
                new TaskViews.ShardView("0-5460", "10.0.0.1:7000", "INCREMENTAL", 1150L, 1200L, 50L, 300L, 7L),
                new TaskViews.ShardView("5461-10922", "10.0.0.2:7000", null, null, null, null, null, null));
    }

    @Test
    void aTaskOfOneSyncHasNoShardRows() {
        assertThat(TaskViews.shards(created)).isEmpty();
    }
}
