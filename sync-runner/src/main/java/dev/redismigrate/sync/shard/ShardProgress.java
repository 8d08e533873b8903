package dev.redismigrate.sync.shard;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The progress of a sharded sync in the one record a task stores, from each shard's latest report: the phase of the
 * shard furthest behind; byte, key and operation counts summed; offsets summed (a total of stream bytes, not a position
 * in one stream: each shard has a replication stream of its own); the lag of the shard that lags most; the source's
 * keys summed over the shards and the target's as any shard last counted them (every shard writes the same target);
 * the oldest checkpoint. A value one shard does not know yet (-1) is unknown in total too.
 */
final class ShardProgress {
    private ShardProgress() {
    }

    /** @param shards each shard's latest report (a shard without one yet counts as connecting) */
    static Progress total(List<Progress> shards, SyncEvent lastEvent, SyncEvent lastResume) {
        Instant now = Instant.now();
        List<Progress> reports = shards.stream().map(p -> p == null ? Progress.starting(now) : p).toList();
        SyncPhase phase = reports.stream().map(Progress::phase).min(Comparator.naturalOrder()).orElseThrow();
        Map<Integer, DbKeyCount> sourceKeys = new TreeMap<>();
        reports.forEach(p -> p.sourceKeys().forEach((db, count) -> sourceKeys.merge(db, count,
                (a, b) -> new DbKeyCount(a.keys() + b.keys(), a.expires() + b.expires()))));
        Progress newest = reports.stream().max(Comparator.comparing(Progress::updatedAt)).orElseThrow();
        boolean everyCheckpoint = reports.stream().allMatch(p -> p.checkpointAt() != null);
        Instant oldestCheckpoint = everyCheckpoint ? reports.stream().map(Progress::checkpointAt)
                .min(Comparator.naturalOrder()).orElseThrow() : null;
        return new Progress(now, phase, sumIfKnown(reports, Progress::snapshotBytesTotal),
                sum(reports, Progress::snapshotBytesReceived), sum(reports, Progress::snapshotBytesApplied),
                maxIfKnown(reports, Progress::etaSeconds), sum(reports, Progress::keysApplied),
                sumIfKnown(reports, Progress::sourceOffset), sumIfKnown(reports, Progress::appliedOffset),
                maxIfKnown(reports, Progress::lagBytes), maxIfKnown(reports, Progress::lagMillis),
                reports.stream().mapToDouble(Progress::opsPerSecond).sum(), sourceKeys, newest.targetKeys(), null,
                oldestCheckpoint, lastEvent, lastResume);
    }

    /** A shard's event in the task's record, saying which shard it happened to. */
    static SyncEvent ofShard(SourceShard shard, SyncEvent event) {
        return new SyncEvent(event.at(), event.kind(), "shard " + shard + ": " + event.reason());
    }

    /** Whether {@code event} is new since {@code seen} (events are replaced, never changed). */
    static boolean isNew(SyncEvent event, SyncEvent seen) {
        return event != null && !Objects.equals(event, seen);
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
