package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.core.verify.DifferenceTally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The differences of one round, waiting to be looked at again. Memory is bounded: past {@code limit} keys, further
 * differences are only counted (as unconfirmed: they will not be re-checked), so a target missing millions of keys
 * does not hold millions of keys in memory.
 */
final class Candidates {
    private final int limit;
    private final Map<KeyRef, List<Difference>> keys = new LinkedHashMap<>();
    private final Map<Integer, Difference> counts = new TreeMap<>();
    private final Map<DifferenceKind, Long> unconfirmed;

    Candidates(int limit) {
        this(limit, new EnumMap<>(DifferenceKind.class));
    }

    private Candidates(int limit, Map<DifferenceKind, Long> unconfirmed) {
        this.limit = limit;
        this.unconfirmed = unconfirmed;
    }

    /** An empty set for the next round; the unconfirmed counts carry over. */
    Candidates next() {
        return new Candidates(limit, unconfirmed);
    }

    void add(Map<KeyRef, List<Difference>> found) {
        found.forEach((ref, differences) -> {
            if (keys.containsKey(ref) || keys.size() < limit) {
                keys.put(ref, differences);
            } else {
                differences.forEach(d -> unconfirmed.merge(d.kind(), 1L, Long::sum));
            }
        });
    }

    void addCount(Difference difference) {
        counts.put(difference.db(), difference);
    }

    /** Something is left to look at again. */
    boolean pending() {
        return !keys.isEmpty() || !counts.isEmpty();
    }

    long size() {
        long n = counts.size();
        for (List<Difference> differences : keys.values()) {
            n += differences.size();
        }
        for (long u : unconfirmed.values()) {
            n += u;
        }
        return n;
    }

    int keyCount() {
        return keys.size();
    }

    Map<Integer, List<byte[]>> keysByDb() {
        Map<Integer, List<byte[]>> byDb = new TreeMap<>();
        for (KeyRef ref : keys.keySet()) {
            byDb.computeIfAbsent(ref.db(), db -> new ArrayList<>()).add(ref.key());
        }
        return byDb;
    }

    Iterable<Integer> countDbs() {
        return counts.keySet();
    }

    /** Counts first, then keys in database, key and kind order, so the same differences always list the same way. */
    void tally(DifferenceTally tally) {
        counts.values().forEach(tally::add);
        keys.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparingInt(Difference::db).thenComparing(Difference::key).thenComparing(Difference::kind))
                .forEach(tally::add);
        unconfirmed.forEach(tally::addUnconfirmed);
    }
}
