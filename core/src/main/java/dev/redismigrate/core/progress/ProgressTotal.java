package dev.redismigrate.core.progress;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The progress of a task synced by several replication links (one per primary shard of a Redis Cluster source) as the
 * one record readers see, from each link's latest report: the phase of the link furthest behind; byte, key and
 * operation counts summed; offsets summed (a total of stream bytes, not a position in one stream: each shard has a
 * replication stream of its own); the lag of the link that lags most; the source's keys summed over the links and the
 * target's as any link last counted them (every link writes the same target); the oldest checkpoint. A value one link
 * does not know yet (-1) is unknown in total too. The engine's in-process run of every shard and the store's view of
 * one sync container per shard both use it.
 */
public final class ProgressTotal {
    private ProgressTotal() {
    }

    /**
     * @param reports each link's latest report (a link without one yet counts as connecting)
     * @param at      when the total was made
     */
    public static Progress of(List<Progress> reports, Instant at, SyncEvent lastEvent, SyncEvent lastResume) {
        List<Progress> known = reports.stream().map(p -> p == null ? Progress.starting(at) : p).toList();
        SyncPhase phase = known.stream().map(Progress::phase).min(Comparator.naturalOrder()).orElseThrow();
        Map<Integer, DbKeyCount> sourceKeys = new TreeMap<>();
        known.forEach(p -> p.sourceKeys().forEach((db, count) -> sourceKeys.merge(db, count, DbKeyCount::plus)));
        Progress newest = known.stream().max(Comparator.comparing(Progress::updatedAt)).orElseThrow();
        boolean everyCheckpoint = known.stream().allMatch(p -> p.checkpointAt() != null);
        Instant oldestCheckpoint = everyCheckpoint ? known.stream().map(Progress::checkpointAt)
                .min(Comparator.naturalOrder()).orElseThrow() : null;
        return new Progress(at, phase, sumIfKnown(known, Progress::snapshotBytesTotal),
                sum(known, Progress::snapshotBytesReceived), sum(known, Progress::snapshotBytesApplied),
                maxIfKnown(known, Progress::etaSeconds), sum(known, Progress::keysApplied),
                sumIfKnown(known, Progress::sourceOffset), sumIfKnown(known, Progress::appliedOffset),
                maxIfKnown(known, Progress::lagBytes), maxIfKnown(known, Progress::lagMillis),
                known.stream().mapToDouble(Progress::opsPerSecond).sum(), sourceKeys, newest.targetKeys(), null,
                oldestCheckpoint, lastEvent, lastResume);
    }

    /**
     * The total of reports saved apart (one per sync container), as of the newest of them, with the newest event and
     * the newest resume any of them carries (a shard's events name their shard).
     *
     * @param reports each sync's saved report, null for a sync that has not reported yet; at least one not null
     */
    public static Progress ofSaved(List<Progress> reports) {
        List<Progress> saved = reports.stream().filter(Objects::nonNull).toList();
        Instant newest = saved.stream().map(Progress::updatedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        return of(reports, newest, newestOf(saved, Progress::lastEvent), newestOf(saved, Progress::lastResume));
    }

    private static SyncEvent newestOf(List<Progress> saved, Function<Progress, SyncEvent> event) {
        return saved.stream().map(event).filter(Objects::nonNull)
                .max(Comparator.comparing(SyncEvent::at, Comparator.nullsFirst(Comparator.naturalOrder()))).orElse(null);
    }

    private static long sum(List<Progress> reports, ToLongFunction<Progress> value) {
        return reports.stream().mapToLong(value).sum();
    }

    private static long sumIfKnown(List<Progress> reports, ToLongFunction<Progress> value) {
        return reports.stream().anyMatch(p -> value.applyAsLong(p) < 0) ? -1 : sum(reports, value);
    }

    private static long maxIfKnown(List<Progress> reports, ToLongFunction<Progress> value) {
        return reports.stream().anyMatch(p -> value.applyAsLong(p) < 0) ? -1
                : reports.stream().mapToLong(value).max().orElse(-1);
    }
}
