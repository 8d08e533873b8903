package dev.redismigrate.core.verify;

import dev.redismigrate.core.progress.DbKeyCount;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one verification. Only differences that persisted through every round are counted.
 *
 * @param keysCompared keys compared fully (presence, type, TTL, value) in the first round; 0 in {@link VerifyMode#COUNTS}
 * @param keysNotCompared keys of a type whose value cannot be compared (module types): type and TTL only
 * @param sourceKeys per-DB counts of the source, redis-migrate's own keys left out (databases in scope only)
 * @param targetKeys the same for the target
 * @param totalDifferences every difference found, shown or not
 * @param differences the first {@code maxShown} of them
 * @param unconfirmedDifferences differences beyond the re-check limit: counted in the total without a re-check
 * @param summary one line for people, e.g. {@code DIFFERENT: 3 differences (2 value, 1 ttl); full mode, ...}
 * @param targetKeysByNode for a Redis Cluster target, {@code INFO keyspace} of each primary by {@code host:port}, as
 *                         the primary reports it (redis-migrate's own keys included): where the summed
 *                         {@code targetKeys} come from; empty for a target of one server
 * @param sourceKeysByNode the same for a Redis Cluster source: where the summed {@code sourceKeys} come from
 */
public record VerificationReport(
        VerifyMode mode,
        Instant startedAt,
        long elapsedMillis,
        int rounds,
        long keysCompared,
        long keysNotCompared,
        Map<Integer, DbKeyCount> sourceKeys,
        Map<Integer, DbKeyCount> targetKeys,
        long totalDifferences,
        Map<DifferenceKind, Long> differencesByKind,
        List<Difference> differences,
        long unconfirmedDifferences,
        String summary,
        Map<String, Map<Integer, DbKeyCount>> targetKeysByNode,
        Map<String, Map<Integer, DbKeyCount>> sourceKeysByNode) {

    public VerificationReport {
        targetKeysByNode = byNode(targetKeysByNode);
        sourceKeysByNode = byNode(sourceKeysByNode);
        sourceKeys = sourceKeys == null ? Map.of() : Map.copyOf(sourceKeys);
        targetKeys = targetKeys == null ? Map.of() : Map.copyOf(targetKeys);
        differencesByKind = differencesByKind == null ? Map.of() : Map.copyOf(differencesByKind);
        differences = differences == null ? List.of() : List.copyOf(differences);
    }

    /** A report of a source and a target of one server each. */
    public VerificationReport(VerifyMode mode, Instant startedAt, long elapsedMillis, int rounds, long keysCompared,
                              long keysNotCompared, Map<Integer, DbKeyCount> sourceKeys,
                              Map<Integer, DbKeyCount> targetKeys, long totalDifferences,
                              Map<DifferenceKind, Long> differencesByKind, List<Difference> differences,
                              long unconfirmedDifferences, String summary) {
        this(mode, startedAt, elapsedMillis, rounds, keysCompared, keysNotCompared, sourceKeys, targetKeys,
                totalDifferences, differencesByKind, differences, unconfirmedDifferences, summary, Map.of(), Map.of());
    }

    /** The same report with the counts of each primary of a cluster source and target (empty: one server). */
    public VerificationReport withKeysByNode(Map<String, Map<Integer, DbKeyCount>> sourceByNode,
                                             Map<String, Map<Integer, DbKeyCount>> targetByNode) {
        return new VerificationReport(mode, startedAt, elapsedMillis, rounds, keysCompared, keysNotCompared, sourceKeys,
                targetKeys, totalDifferences, differencesByKind, differences, unconfirmedDifferences, summary,
                targetByNode, sourceByNode);
    }

    /** True when nothing differs: the migration may finish. */
    public boolean consistent() {
        return totalDifferences == 0;
    }

    /** Differences counted but not listed. */
    public long notShown() {
        return totalDifferences - differences.size();
    }

    /** An unmodifiable copy, in the given order; null: none. */
    private static Map<String, Map<Integer, DbKeyCount>> byNode(Map<String, Map<Integer, DbKeyCount>> counts) {
        Map<String, Map<Integer, DbKeyCount>> copy = new LinkedHashMap<>();
        if (counts != null) {
            counts.forEach((node, perDb) -> copy.put(node, Map.copyOf(perDb)));
        }
        return Collections.unmodifiableMap(copy);
    }
}
