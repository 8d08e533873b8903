package dev.redismigrate.sync.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.redisio.cluster.SlotMap;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardProgressTest {
    private static final Instant T = Instant.parse("2026-12-06T19:00:00Z");

    @Test
    void theTotalSumsCountsAndTakesTheWorstLagAndTheShardFurthestBehind() {
        Progress a = shard(SyncPhase.INCREMENTAL, 100, 0, Map.of(0, new DbKeyCount(10, 1)), T.plusSeconds(5));
        Progress b = shard(SyncPhase.FULL_SYNC, 300, 250, Map.of(0, new DbKeyCount(20, 2)), T.plusSeconds(3));

        Progress total = ShardProgress.total(List.of(a, b), null, null);

        assertThat(total.phase()).isEqualTo(SyncPhase.FULL_SYNC);
        assertThat(total.keysApplied()).isEqualTo(400);
        assertThat(total.sourceOffset()).isEqualTo(2000);
        assertThat(total.lagBytes()).isEqualTo(250);
        assertThat(total.sourceKeys()).isEqualTo(Map.of(0, new DbKeyCount(30, 3)));
        assertThat(total.targetKeys()).isEqualTo(b.targetKeys());
        assertThat(total.checkpointAt()).isEqualTo(T.plusSeconds(3));
        assertThat(total.replId()).isNull();
    }

    @Test
    void aShardWithoutAReportYetLeavesTheTotalConnectingAndItsOffsetsUnknown() {
        Progress a = shard(SyncPhase.INCREMENTAL, 100, 0, Map.of(), T);

        Progress total = ShardProgress.total(Arrays.asList(a, null), null, null);

        assertThat(total.phase()).isEqualTo(SyncPhase.CONNECTING);
        assertThat(total.sourceOffset()).isEqualTo(-1);
        assertThat(total.lagBytes()).isEqualTo(-1);
        assertThat(total.checkpointAt()).isNull();
    }

    @Test
    void inSyncOnlyWhenEveryShardHasNoLagAndTheSummedCountsMatchTheTarget() {
        Progress a = shard(SyncPhase.INCREMENTAL, 1, 0, Map.of(0, new DbKeyCount(10, 0)), T);
        Progress b = shard(SyncPhase.DRAINING, 1, 0, Map.of(0, new DbKeyCount(20, 0)), T);

        assertThat(ShardProgress.total(List.of(a, b), null, null).inSync()).isTrue();
        assertThat(ShardProgress.total(List.of(a, shard(SyncPhase.INCREMENTAL, 1, 7, Map.of(0, new DbKeyCount(20, 0)),
                T)), null, null).inSync()).isFalse();
    }

    @Test
    void aShardsEventNamesTheShard() {
        SourceShard shard = SourceShard.of(fixedMap()).get(0);
        SyncEvent event = ShardProgress.ofShard(shard, new SyncEvent(T, "resume", "continuing from offset 9"));

        assertThat(event.reason()).isEqualTo("shard 0-16383 (127.0.0.1:7000): continuing from offset 9");
        assertThat(shard.id()).isEqualTo("0-16383");
    }

    private static SlotMap fixedMap() {
        return SlotMap.parse(List.of(List.of(0L, 16383L, List.of("127.0.0.1", 7000L))),
                "127.0.0.1").orElseThrow();
    }

    /** A shard's report; the target holds 30 keys in db 0 as every shard sees it. */
    private static Progress shard(SyncPhase phase, long keys, long lag, Map<Integer, DbKeyCount> sourceKeys,
                                  Instant checkpointAt) {
        return new Progress(T, phase, 1000, 1000, 1000, 0, keys, 1000, 1000 - lag, lag, lag == 0 ? 0 : 5, 10,
                sourceKeys, Map.of(0, new DbKeyCount(30, 0)), "replid", checkpointAt, null, null);
    }
}
