package dev.redismigrate.redisio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.verify.DifferenceKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of the comparison that need no server: replies are built the way RESP2 delivers them. */
class ComparisonsTest {
    @Test
    void ttlsWithinTheToleranceAreEqualAndAnyOneSidedTtlIsNot() {
        assertThat(KeyComparer.compareTtl(-1, -1, 2000)).isNull();
        assertThat(KeyComparer.compareTtl(10_000, 8_000, 2000)).isNull();
        assertThat(KeyComparer.compareTtl(10_000, 7_999, 2000)).isEqualTo("TTL 10.0 s on source, TTL 8.0 s on target");
        assertThat(KeyComparer.compareTtl(-1, 900_000, 2000)).isEqualTo("no TTL on source, TTL 900.0 s on target");
        assertThat(KeyComparer.compareTtl(500, -1, 2000)).isEqualTo("TTL 0.5 s on source, no TTL on target");
    }

    @Test
    void scoresCompareAsNumbersWhateverTheVersionPrinted() {
        Object v28 = flat("a", "1.1000000000000001", "b", "inf", "c", "-inf");
        Object v70 = flat("a", "1.1", "b", "inf", "c", "-inf");
        assertThat(WholeValues.compare(ValueType.ZSET, v28, v70)).isNull();
        assertThat(WholeValues.compare(ValueType.ZSET, flat("a", "1"), flat("a", "2")))
                .isEqualTo("zset member \"a\" has score 1.0 on source, 2.0 on target");
    }

    @Test
    void hashesCompareAsMapsAndNameTheField() {
        assertThat(WholeValues.compare(ValueType.HASH, flat("f1", "v1", "f2", "v2"), flat("f2", "v2", "f1", "v1"))).isNull();
        assertThat(WholeValues.compare(ValueType.HASH, flat("f1", "v1"), flat("f1", "x"))).isEqualTo("hash field \"f1\" differs");
        assertThat(WholeValues.compare(ValueType.HASH, flat("f1", "v1"), flat("f9", "v1")))
                .isEqualTo("hash field \"f1\" missing on target");
    }

    @Test
    void listsCompareInOrderAndSetsWithout() {
        assertThat(WholeValues.compare(ValueType.LIST, flat("a", "b"), flat("b", "a"))).isEqualTo("list element 0 differs");
        assertThat(WholeValues.compare(ValueType.SET, flat("a", "b"), flat("b", "a"))).isNull();
        assertThat(WholeValues.compare(ValueType.SET, flat("a", "b"), flat("a", "c")))
                .isEqualTo("set member \"b\" missing on target");
    }

    @Test
    void streamEntriesCompareByIdThenFields() {
        Object source = List.of(entry("1-1", "f", "1"), entry("1-2", "f", "2"));
        assertThat(WholeValues.compare(ValueType.STREAM, source, List.of(entry("1-1", "f", "1"), entry("1-2", "f", "2")))).isNull();
        assertThat(WholeValues.compare(ValueType.STREAM, source, List.of(entry("1-1", "f", "1"), entry("1-2", "f", "x"))))
                .isEqualTo("stream entry 1-2 differs");
        assertThat(WholeValues.compare(ValueType.STREAM, source, List.of(entry("1-1", "f", "1"), entry("1-3", "f", "2"))))
                .isEqualTo("stream entry 1-2 on source, 1-3 on target");
    }

    @Test
    void streamGroupsIgnoreFieldsOnlyNewerVersionsReport() {
        Object info = flat("length", 2L, "last-generated-id", "1-2");
        Object v50 = List.of(flat("name", "g", "consumers", 1L, "pending", 2L, "last-delivered-id", "1-2"));
        Object v70 = List.of(flat("name", "g", "consumers", 1L, "pending", 2L, "last-delivered-id", "1-2",
                "entries-read", 2L, "lag", 0L));
        assertThat(StreamMetadata.compare(info, info, v50, v70)).isNull();
        Object moved = List.of(flat("name", "g", "consumers", 1L, "pending", 2L, "last-delivered-id", "1-5"));
        assertThat(StreamMetadata.compare(info, info, v50, moved)).isEqualTo("stream group \"g\": consumers=1 pending=2"
                + " last-delivered-id=1-2 on source, consumers=1 pending=2 last-delivered-id=1-5 on target");
        assertThat(StreamMetadata.compare(info, flat("last-generated-id", "1-3"), v50, v50))
                .isEqualTo("stream last generated id 1-2 on source, 1-3 on target");
    }

    @Test
    void theIdAfterAStreamIdCarriesOverTheSequence() {
        assertThat(ChunkedValues.nextId("5-7")).isEqualTo("5-8");
        assertThat(ChunkedValues.nextId("5-18446744073709551615")).isEqualTo("6-0");
    }

    @Test
    void aChunkHoldsAboutOneMebibyteOfElementsAtTheLastChunksSize() {
        assertThat(ChunkedValues.nextCount(128, 128 * 1024)).isEqualTo(1024);
        assertThat(ChunkedValues.nextCount(128, 128 * 20)).as("small elements: capped").isEqualTo(ChunkedValues.MAX_ELEMENTS);
        assertThat(ChunkedValues.nextCount(2, 2 * 8L << 20)).as("elements over 1 MiB: one at a time").isEqualTo(1);
    }

    @Test
    void keyspaceLinesOfEveryVersionParse() {
        String info = "# Keyspace\r\ndb0:keys=10,expires=2,avg_ttl=123\r\ndb12:keys=1,expires=0,avg_ttl=0,subexpiry=0\r\n";
        assertThat(KeyCounts.parse(info)).containsExactly(Map.entry(0, new DbKeyCount(10, 2)), Map.entry(12, new DbKeyCount(1, 0)));
    }

    @Test
    void aCountBetweenTwoReadingsOfTheTargetIsReplicationCatchingUp() {
        DbKeyCount source = new DbKeyCount(100, 10);
        assertThat(KeyCounts.compare(0, source, source, source)).isNull();
        assertThat(KeyCounts.compare(0, source, new DbKeyCount(99, 10), new DbKeyCount(101, 10))).isNull();
        assertThat(KeyCounts.compare(0, source, new DbKeyCount(99, 10), new DbKeyCount(99, 10)).kind())
                .isEqualTo(DifferenceKind.COUNT);
        assertThat(KeyCounts.compare(0, source, new DbKeyCount(100, 11), new DbKeyCount(100, 11)).detail())
                .isEqualTo("keys without TTL: source 90, target 89 (all keys: source 100, target 100)");
        assertThat(KeyCounts.compare(3, null, new DbKeyCount(1, 0), new DbKeyCount(1, 0)).detail())
                .isEqualTo("keys without TTL: source 0, target 1 (all keys: source 0, target 1)");
    }

    @Test
    void keysWithATtlAreLeftToTheKeyComparison() {
        DbKeyCount source = new DbKeyCount(968_203, 168_203);
        assertThat(KeyCounts.compare(0, source, new DbKeyCount(963_852, 163_852), new DbKeyCount(963_852, 163_852)))
                .isNull();
        assertThat(KeyCounts.compare(3, null, new DbKeyCount(1, 1), new DbKeyCount(1, 1))).isNull();
    }

    @Test
    void globCharactersOfThePrefixAreEscaped() {
        assertThat(new String(KeyCounts.globPrefix("a*b?[c]\\".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo("a\\*b\\?\\[c\\]\\\\*");
    }

    @Test
    void theThrottleHoldsTheAverageRate() {
        Throttle throttle = new Throttle(1000);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            throttle.acquire(100);
        }
        // 500 commands at 1000/s: the first batch goes at once (plus up to 0.1 s of burst), the rest wait their turn
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    private static List<Object> flat(Object... values) {
        List<Object> list = new ArrayList<>();
        for (Object value : values) {
            list.add(value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : value);
        }
        return list;
    }

    private static List<Object> entry(String id, String field, String value) {
        return List.of(id.getBytes(StandardCharsets.US_ASCII), flat(field, value));
    }
}
