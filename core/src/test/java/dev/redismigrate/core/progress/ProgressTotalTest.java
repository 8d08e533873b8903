package dev.redismigrate.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTotalTest {
    private static final Instant T = Instant.parse("2026-12-06T19:00:00Z");

    @Test
    void theTotalSumsCountsAndTakesTheWorstLagAndTheShardFurthestBehind() {
        Progress a = shard(SyncPhase.INCREMENTAL, 100, 0, Map.of(0, new DbKeyCount(10, 1)), T.plusSeconds(5));
        Progress b = shard(SyncPhase.FULL_SYNC, 300, 250, Map.of(0, new DbKeyCount(20, 2)), T.plusSeconds(3));

        Progress total = ProgressTotal.of(List.of(a, b), T, null, null);

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

        Progress total = ProgressTotal.of(Arrays.asList(a, null), T, null, null);

        assertThat(total.phase()).isEqualTo(SyncPhase.CONNECTING);
        assertThat(total.sourceOffset()).isEqualTo(-1);
        assertThat(total.lagBytes()).isEqualTo(-1);
        assertThat(total.checkpointAt()).isNull();
    }

    @Test
    void inSyncOnlyWhenEveryShardHasNoLagAndTheSummedCountsMatchTheTarget() {
        Progress a = shard(SyncPhase.INCREMENTAL, 1, 0, Map.of(0, new DbKeyCount(10, 0)), T);
        Progress b = shard(SyncPhase.DRAINING, 1, 0, Map.of(0, new DbKeyCount(20, 0)), T);

        assertThat(ProgressTotal.of(List.of(a, b), T, null, null).inSync()).isTrue();
        assertThat(ProgressTotal.of(List.of(a, shard(SyncPhase.INCREMENTAL, 1, 7, Map.of(0, new DbKeyCount(20, 0)),
                T)), T, null, null).inSync()).isFalse();
    }

    @Test
    void savedReportsTotalAsOfTheNewestWithTheNewestEventAndResumeOfAny() {
        SyncEvent resume = new SyncEvent(T, "resume", "shard 0-5460: continuing from offset 9");
        SyncEvent reconnect = new SyncEvent(T.plusSeconds(4), "reconnect", "shard 5461-10922: source went away");
        Progress a = shard(SyncPhase.INCREMENTAL, 1, 0, Map.of(), T).withEvent(T.plusSeconds(2), resume);
        Progress b = new Progress(T.plusSeconds(6), SyncPhase.INCREMENTAL, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, Map.of(),
                Map.of(), "r", T, reconnect, null);

        Progress total = ProgressTotal.ofSaved(Arrays.asList(a, b, null));

        assertThat(total.updatedAt()).isEqualTo(T.plusSeconds(6));
        assertThat(total.lastEvent()).isEqualTo(reconnect);
        assertThat(total.phase()).as("the third sync has not reported").isEqualTo(SyncPhase.CONNECTING);
    }

    /** A shard's report; the target holds 30 keys in db 0 as every shard sees it. */
    private static Progress shard(SyncPhase phase, long keys, long lag, Map<Integer, DbKeyCount> sourceKeys,
                                  Instant checkpointAt) {
        return new Progress(T, phase, 1000, 1000, 1000, 0, keys, 1000, 1000 - lag, lag, lag == 0 ? 0 : 5, 10,
                sourceKeys, Map.of(0, new DbKeyCount(30, 0)), "replid", checkpointAt, null, null);
    }
}
