package dev.redismigrate.redisio.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotMapTest {
    private static final ClusterNode A = new ClusterNode("10.0.0.1", 7000);
    private static final ClusterNode B = new ClusterNode("10.0.0.2", 7001);

    @Test
    void readsRangesWithTheirPrimaryAndIgnoresReplicas() {
        SlotMap map = SlotMap.parse(List.of(
                range(0, 8191, "10.0.0.1", 7000, "10.0.0.9", 7009),
                range(8192, 16383, "10.0.0.2", 7001)), "seed").orElseThrow();

        assertThat(map.owner(0)).isEqualTo(A);
        assertThat(map.owner(8191)).isEqualTo(A);
        assertThat(map.owner(8192)).isEqualTo(B);
        assertThat(map.ownerOf("foo".getBytes(StandardCharsets.UTF_8))).isEqualTo(B); // slot 12182
        assertThat(map.primaries()).containsExactly(A, B);
    }

    @Test
    void eachPrimarysSlotsInSlotOrderWrittenAsRangesTheFirstNamingItsShard() {
        SlotMap map = SlotMap.parse(List.of(range(0, 8190, "10.0.0.1", 7000), range(8191, 8191, "10.0.0.2", 7001),
                range(8192, 16382, "10.0.0.1", 7000), range(16383, 16383, "10.0.0.2", 7001)), "seed").orElseThrow();

        Map<ClusterNode, BitSet> slots = map.slotsByPrimary();

        assertThat(slots.keySet()).containsExactly(A, B);
        assertThat(SlotRanges.of(slots.get(A))).isEqualTo("0-8190,8192-16382");
        assertThat(SlotRanges.of(slots.get(B))).isEqualTo("8191,16383");
        assertThat(SlotRanges.first(slots.get(A))).isEqualTo("0-8190");
        assertThat(SlotRanges.first(slots.get(B))).isEqualTo("8191");
    }

    @Test
    void aNodeWithoutAnnouncedHostIsReachedWhereTheReplyCameFrom() {
        SlotMap map = SlotMap.parse(List.of(range(0, 16383, "", 7000)), "10.0.0.1").orElseThrow();

        assertThat(map.owner(5)).isEqualTo(A);
    }

    @Test
    void aClusterWithUnservedSlotsHasNoMap() {
        assertThat(SlotMap.parse(List.of(range(0, 100, "10.0.0.1", 7000)), "seed")).isEmpty();
    }

    @Test
    void movedChangesOneSlotInACopy() {
        SlotMap map = SlotMap.parse(List.of(range(0, 16383, "10.0.0.1", 7000)), "seed").orElseThrow();

        SlotMap moved = map.withOwner(42, B);

        assertThat(moved.owner(42)).isEqualTo(B);
        assertThat(moved.owner(43)).isEqualTo(A);
        assertThat(map.owner(42)).isEqualTo(A);
    }

    @Test
    void redirectsAreReadFromTheErrorText() {
        assertThat(Redirect.parse("MOVED 3999 10.0.0.2:7001", "x"))
                .contains(new Redirect(Redirect.Kind.MOVED, 3999, B));
        assertThat(Redirect.parse("ASK 3999 :7000", "10.0.0.1"))
                .contains(new Redirect(Redirect.Kind.ASK, 3999, A));
        assertThat(Redirect.parse("ERR wrong number of arguments", "x")).isEmpty();
        assertThat(Redirect.parse("TRYAGAIN Multiple keys request during rehashing of slot", "x")).isEmpty();
    }

    /** As Jedis returns it: numbers as Long, strings as bytes. */
    private static List<Object> range(long start, long end, Object... nodes) {
        List<Object> range = new java.util.ArrayList<>(List.of(start, end));
        for (int i = 0; i < nodes.length; i += 2) {
            range.add(List.of(((String) nodes[i]).getBytes(StandardCharsets.UTF_8), ((Integer) nodes[i + 1]).longValue(),
                    "id".getBytes(StandardCharsets.UTF_8)));
        }
        return range;
    }
}
