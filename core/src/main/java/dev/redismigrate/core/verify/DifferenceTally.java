package dev.redismigrate.core.verify;

import dev.redismigrate.core.progress.DbKeyCount;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Counts the persistent differences by kind, keeps the first {@code maxShown}, and writes the report. */
public final class DifferenceTally {
    private final int maxShown;
    private final List<Difference> shown = new ArrayList<>();
    private final Map<DifferenceKind, Long> byKind = new EnumMap<>(DifferenceKind.class);
    private long total;
    private long unconfirmed;

    public DifferenceTally(int maxShown) {
        this.maxShown = maxShown;
    }

    public void add(Difference difference) {
        count(difference.kind(), 1);
        if (shown.size() < maxShown) {
            shown.add(difference);
        }
    }

    /** Differences found but not re-checked (beyond the re-check limit): counted, never listed. */
    public void addUnconfirmed(DifferenceKind kind, long count) {
        count(kind, count);
        unconfirmed += count;
    }

    public long total() {
        return total;
    }

    public VerificationReport report(VerifyMode mode, Instant startedAt, Instant now, int rounds, long keysCompared,
                                     long keysNotCompared, Map<Integer, DbKeyCount> sourceKeys,
                                     Map<Integer, DbKeyCount> targetKeys) {
        Set<Integer> dbs = new HashSet<>(sourceKeys.keySet());
        dbs.addAll(targetKeys.keySet());
        String summary = summary(mode, rounds, keysCompared, dbs.size())
                + (keysNotCompared == 0 ? "" : "; " + keysNotCompared + " keys of a module type compared by type and TTL only");
        return new VerificationReport(mode, startedAt, now.toEpochMilli() - startedAt.toEpochMilli(), rounds,
                keysCompared, keysNotCompared, sourceKeys, targetKeys, total, byKind, shown, unconfirmed, summary);
    }

    private void count(DifferenceKind kind, long n) {
        byKind.merge(kind, n, Long::sum);
        total += n;
    }

    private String summary(VerifyMode mode, int rounds, long keysCompared, int dbCount) {
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.ROOT);
        String scope = mode.label() + " mode, "
                + (mode == VerifyMode.COUNTS ? "" : number.format(keysCompared) + " keys compared in ")
                + dbCount + (dbCount == 1 ? " database, " : " databases, ")
                + rounds + (rounds == 1 ? " round" : " rounds");
        if (total == 0) {
            return "EQUAL: no differences; " + scope;
        }
        List<String> kinds = new ArrayList<>();
        byKind.forEach((kind, n) -> kinds.add(number.format(n) + " " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        String listed = shown.size() == total ? "" : "; " + shown.size() + " shown";
        String notRechecked = unconfirmed == 0 ? "" : "; " + number.format(unconfirmed) + " not re-checked";
        return "DIFFERENT: " + number.format(total) + (total == 1 ? " difference (" : " differences (")
                + String.join(", ", kinds) + "); " + scope + listed + notRechecked;
    }
}
