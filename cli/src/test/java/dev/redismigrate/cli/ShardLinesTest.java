package dev.redismigrate.cli;

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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardLinesTest {
    private static final Instant AT = Instant.parse("2026-12-06T22:00:00Z");
    private static final SyncShard A = new SyncShard("0-5460", "10.0.0.1:7000", "0-5460");
    private static final SyncShard B = new SyncShard("5461-10922", "10.0.0.2:7000", "5461-10922");
    private static final SyncShard C = new SyncShard("10923-16383", "10.0.0.3:7000", "10923-16383");

    private final MigrationTask created = MigrationTask.create("orders",
            SourceSpec.of(RedisEndpoint.of("10.0.0.1", 7000)), TargetSpec.of(RedisEndpoint.of("10.0.0.9", 6379)),
            null, List.of(), AT);

    @Test
    void aLinePerShardInTheOrderOfValidationWithItsOffsetsLagAndSourceKeys() {
        MigrationTask task = withShards(A, B, C).withSyncProgress(report(SyncPhase.INCREMENTAL, 3000),
                Map.of(A.id(), report(SyncPhase.INCREMENTAL, 1000), B.id(), report(SyncPhase.FULL_SYNC, 2000)));

        assertThat(ShardLines.of(task)).containsExactly(
                "shard 0-5460 (10.0.0.1:7000) incremental | offset 1,150 applied of 1,200 | lag 50 B / 0.3s"
                        + " | keys db0 1,000",
                "shard 5461-10922 (10.0.0.2:7000) full sync | snapshot 2.0 KiB applied | keys db0 2,000",
                "shard 10923-16383 (10.0.0.3:7000) no report yet");
    }

    @Test
    void aTaskOfOneSyncHasNoShardLines() {
        assertThat(ShardLines.of(created.withProgress(report(SyncPhase.INCREMENTAL, 10)))).isEmpty();
        assertThat(ShardLines.of(withShards(A))).isEmpty();
    }

    @Test
    void statusPrintsTheShardsUnderTheTotal() {
        MigrationTask task = withShards(A, B).withSyncProgress(report(SyncPhase.INCREMENTAL, 3000),
                Map.of(A.id(), report(SyncPhase.INCREMENTAL, 1000), B.id(), report(SyncPhase.INCREMENTAL, 2000)));
        StringWriter out = new StringWriter();

        TaskPrinter.print(task, new PrintWriter(out, true));

        assertThat(out.toString()).containsSubsequence("progress  incremental", "\n  shard 0-5460 (10.0.0.1:7000)",
                "\n  shard 5461-10922 (10.0.0.2:7000)");
    }

    @Test
    void theLiveLinesShowTheShardsUnderTheTotalAndAreRedrawnWhole() {
        StringWriter plain = new StringWriter();
        new ProgressView(new PrintWriter(plain, true), ProgressView.Style.LINES)
                .show(report(SyncPhase.INCREMENTAL, 10), List.of("shard a", "shard b"));
        assertThat(plain.toString()).containsSubsequence("incremental | offset", "\n  shard a\n", "  shard b\n");

        StringWriter terminal = new StringWriter();
        ProgressView view = new ProgressView(new PrintWriter(terminal, true), ProgressView.Style.TERMINAL);
        view.show(report(SyncPhase.INCREMENTAL, 10), List.of("shard a", "shard b"));
        view.show(report(SyncPhase.INCREMENTAL, 10), List.of("shard a", "shard b"));
        assertThat(terminal.toString()).as("the second report first erases the three lines of the first")
                .containsSubsequence("\n  shard b", "\r\033[2K\033[1A\033[2K\033[1A\033[2Kincremental");
    }

    private MigrationTask withShards(SyncShard... shards) {
        return created.withValidation(new ValidationReport(AT, List.of(), null, null, List.of(shards)), AT);
    }

    /** {@code keys} on the shard's primary, 50 bytes behind once streaming. */
    private static Progress report(SyncPhase phase, long keys) {
        return new Progress(AT, phase, 4096, 4096, 2048, 1, keys, 1200, 1150, 50, 300, 0,
                Map.of(0, new DbKeyCount(keys, 0)), Map.of(0, new DbKeyCount(6000, 0)), "r", AT, null, null);
    }
}
