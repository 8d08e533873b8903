package dev.redismigrate.sync.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.SlotMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request for one shard finds it in the source's layout by its first slot range, and watches only its slots. */
class SourceLayoutTest {
    private static final ClusterNode A = new ClusterNode("127.0.0.1", 7000);
    private static final ClusterNode B = new ClusterNode("127.0.0.1", 7001);
    private static final ClusterNode C = new ClusterNode("127.0.0.1", 7002);
    private static final ClusterNode B_PROMOTED = new ClusterNode("127.0.0.1", 7004);

    private final SourceLayout layout = new SourceLayout(map(range(0, 5460, A), range(5461, 10922, B),
            range(10923, 16383, C)));

    @Test
    void theShardIsFoundByItsFirstSlotRangeAtThePrimaryServingItNow() {
        SourceShard shard = layout.shard(new SyncShard("5461-10922", "127.0.0.1:7005", "5461-10922"));

        assertThat(shard.primary()).isEqualTo(B);
        assertThat(shard.ranges()).isEqualTo("5461-10922");
    }

    @Test
    void aShardIdNoLongerInTheLayoutFailsNamingWhatTheLayoutShowsNow() {
        assertThatThrownBy(() -> layout.shard(new SyncShard("0-4000", "127.0.0.1:7000", "0-4000")))
                .isInstanceOf(SyncFailedException.class)
                .hasMessage("shard 0-4000 (slots 0-4000 when the task was validated) is not in the source cluster's"
                        + " layout now, whose primaries serve 0-5460 (127.0.0.1:7000), 5461-10922 (127.0.0.1:7001),"
                        + " 10923-16383 (127.0.0.1:7002): slots moved between primaries since (a reshard), and keys"
                        + " that moved between shards cannot be continued from another shard's stream; cancel the task"
                        + " and migrate again");
    }

    @Test
    void aShardWhoseFirstRangeStayedButWhoseOtherSlotsMovedIsNotFoundEither() {
        assertThatThrownBy(() -> layout.shard(new SyncShard("0-5460", "127.0.0.1:7000", "0-5460, 16383")))
                .isInstanceOf(SyncFailedException.class).hasMessageStartingWith("shard 0-5460 (slots 0-5460, 16383");
    }

    @Test
    void aRunOfOneShardIsNotStoppedByAFailoverOfAnotherButByOneOfItsOwnOrAReshardIntoIt() {
        SourceShard first = layout.shards().get(0);
        SlotMap otherFailedOver = map(range(0, 5460, A), range(5461, 10922, B_PROMOTED), range(10923, 16383, C));
        SlotMap ownFailedOver = map(range(0, 5460, B_PROMOTED), range(5461, 10922, B), range(10923, 16383, C));
        SlotMap movedIn = map(range(0, 5461, A), range(5462, 10922, B), range(10923, 16383, C));

        assertThat(layout.difference(otherFailedOver, List.of(first))).isEmpty();
        assertThat(layout.difference(otherFailedOver, layout.shards())).contains("slot 5461 was served by"
                + " 127.0.0.1:7001 when the migration started and is served by 127.0.0.1:7004 now");
        assertThat(layout.difference(ownFailedOver, List.of(first))).isPresent();
        assertThat(layout.difference(movedIn, List.of(first))).contains("slot 5461 was served by 127.0.0.1:7001 when"
                + " the migration started and is served by 127.0.0.1:7000 now");
    }

    private static List<Object> range(int first, int last, ClusterNode node) {
        return List.of((long) first, (long) last, List.of(node.host(), (long) node.port()));
    }

    @SafeVarargs
    private static SlotMap map(List<Object>... ranges) {
        return SlotMap.parse(List.of(ranges), "127.0.0.1").orElseThrow();
    }
}
