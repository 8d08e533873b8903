package dev.redismigrate.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.SyncShard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final SyncMetrics metrics = new SyncMetrics(new PrintStream(out, true, StandardCharsets.UTF_8),
            "RedisMigrate", clock, Duration.ofSeconds(10));

    @Test
    void oneEmbeddedMetricFormatLinePerReportByTaskAndByStack() throws Exception {
        metrics.report("k3xq7m2p9c4a", SyncShard.WHOLE, incremental(2_500));

        JsonNode line = TaskJson.mapper().readTree(lines().get(0));
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("RedisMigrate");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Stack\",\"TaskId\"],[\"Stack\"]]");
        assertThat(line.path("Stack").asText()).isEqualTo("RedisMigrate");
        assertThat(line.path("TaskId").asText()).isEqualTo("k3xq7m2p9c4a");
        assertThat(line.path("LagSeconds").asDouble()).isEqualTo(2.5);
        assertThat(line.path("AppliedOffset").asLong()).isEqualTo(900);
        assertThat(line.path("SourceOffset").asLong()).isEqualTo(1_000);
        assertThat(line.path("SourceKeys").asLong()).isEqualTo(30);
        assertThat(line.path("TargetKeys").asLong()).isEqualTo(29);
        directive.path("Metrics").forEach(metric -> assertThat(line.has(metric.path("Name").asText())).isTrue());
    }

    @Test
    void aShardsContainerAddsTheShardWhileTheTaskAndStackDimensionsStay() throws Exception {
        metrics.report("k3xq7m2p9c4a", new SyncShard("0-5460", "10.0.0.1:7000", "0-5460"), incremental(2_500));

        JsonNode line = TaskJson.mapper().readTree(lines().get(0));
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"Stack\",\"TaskId\",\"Shard\"],[\"Stack\",\"TaskId\"],[\"Stack\"]]");
        assertThat(line.path("Shard").asText()).isEqualTo("0-5460");
        assertThat(line.path("TaskId").asText()).isEqualTo("k3xq7m2p9c4a");
        assertThat(line.path("LagSeconds").asDouble()).isEqualTo(2.5);
    }

    @Test
    void atMostOneLineEveryInterval() {
        metrics.report("k3xq7m2p9c4a", SyncShard.WHOLE, incremental(0));
        now.set(NOW.plusSeconds(9));
        metrics.report("k3xq7m2p9c4a", SyncShard.WHOLE, incremental(0));
        now.set(NOW.plusSeconds(10));
        metrics.report("k3xq7m2p9c4a", SyncShard.WHOLE, incremental(0));
        assertThat(lines()).hasSize(2);
    }

    @Test
    void valuesNotKnownYetAreLeftOutRatherThanReportedAsNegative() throws Exception {
        metrics.report("k3xq7m2p9c4a", SyncShard.WHOLE, Progress.starting(NOW));

        JsonNode line = TaskJson.mapper().readTree(lines().get(0));
        assertThat(line.has("LagSeconds")).isFalse();
        assertThat(line.has("AppliedOffset")).isFalse();
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").toString())
                .doesNotContain("LagSeconds").doesNotContain("AppliedOffset");
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Progress incremental(long lagMillis) {
        return new Progress(NOW, SyncPhase.INCREMENTAL, 100, 100, 100, 0, 50, 1_000, 900, 100, lagMillis, 10.0,
                Map.of(0, new DbKeyCount(20, 0), 1, new DbKeyCount(10, 0)),
                Map.of(0, new DbKeyCount(20, 0), 1, new DbKeyCount(9, 0)), "replid", NOW, null);
    }
}
