package dev.redismigrate.cli.console;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import java.util.Map;
import java.util.TreeMap;

/**
 * One point of a task's progress series, taken from the sync's progress record: the chart of offsets, lag and key
 * counts over time. Unknown values (-1 in the record) are null.
 *
 * @param at when the sync made the record, epoch milliseconds
 * @param sourceKeys keys per database number on the source
 */
record ProgressSample(long at, SyncPhase phase, Double snapshotPercent, Long etaSeconds, long sourceOffset,
                      long appliedOffset, Long lagMillis, Long lagBytes, Map<String, Long> sourceKeys,
                      Map<String, Long> targetKeys) {

    static ProgressSample of(Progress p) {
        return new ProgressSample(p.updatedAt().toEpochMilli(), p.phase(), snapshotPercent(p), known(p.etaSeconds()),
                p.sourceOffset(), p.appliedOffset(), known(p.lagMillis()), known(p.lagBytes()), keys(p.sourceKeys()),
                keys(p.targetKeys()));
    }

    /** The applied share of the snapshot while it is copied, 100 once the live stream runs, null before. */
    static Double snapshotPercent(Progress p) {
        return switch (p.phase()) {
            case CONNECTING -> null;
            case FULL_SYNC -> p.snapshotBytesTotal() > 0
                    ? Math.min(100.0, Math.round(1000.0 * p.snapshotBytesApplied() / p.snapshotBytesTotal()) / 10.0)
                    : null;
            case INCREMENTAL, DRAINING, STOPPED -> 100.0;
        };
    }

    static Long known(long value) {
        return value < 0 ? null : value;
    }

    private static Map<String, Long> keys(Map<Integer, DbKeyCount> counts) {
        Map<String, Long> byDb = new TreeMap<>();
        counts.forEach((db, count) -> byDb.put(String.valueOf(db), count.keys()));
        return byDb;
    }
}
