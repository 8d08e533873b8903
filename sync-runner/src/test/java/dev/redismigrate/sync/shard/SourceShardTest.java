package dev.redismigrate.sync.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.redisio.cluster.ClusterNode;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SourceShardTest {
    private static final SourceShard SHARD = new SourceShard(new ClusterNode("127.0.0.1", 7000), slots());

    @Test
    void theIdIsTheFirstSlotRangeAndTheRangesNameEverySlot() {
        assertThat(SHARD.id()).isEqualTo("0-5460");
        assertThat(SHARD.ranges()).isEqualTo("0-5460,10923,16000-16383");
    }

    @Test
    void servesExactlyTheSlotsItsRangesName() {
        assertThat(SHARD.serves("0-5460,10923,16000-16383")).isTrue();
        assertThat(SHARD.serves(" 0-5460 , 10923-10923, 16000-16383")).isTrue();
        assertThat(SHARD.serves("0-5460,16000-16383")).isFalse();
        assertThat(SHARD.serves("0-5460,10923,16000-16384")).isFalse();
        assertThat(SHARD.serves("0-5460,x")).isFalse();
    }

    private static BitSet slots() {
        BitSet slots = new BitSet();
        slots.set(0, 5461);
        slots.set(10923);
        slots.set(16000, 16384);
        return slots;
    }
}
