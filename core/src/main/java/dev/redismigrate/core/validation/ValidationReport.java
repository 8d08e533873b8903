package dev.redismigrate.core.validation;

import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.task.SyncShard;
import java.time.Instant;
import java.util.List;

/**
 * The results of one run of the validation catalogue, and what it decided for the steps that follow.
 *
 * @param lockStrategy how the target will be locked ({@code target.lockable} explains it); null when the target
 *                     could not be examined, or in a report stored before there were several strategies
 * @param targetIdentity what makes the target one instance whatever its spelling: {@code elasticache:<group id>}, or
 *                       the resolved {@code ip:port}; the claim "one task per target" is keyed on it (null in reports
 *                       stored before, which fall back to the typed address)
 * @param syncs the task's syncs, as the source's layout decided them: one per primary shard of a Redis Cluster
 *              source, else the one sync of the whole source ({@link SyncShard#WHOLE}, also for reports stored before
 *              there were shards); the cloud runs one sync container per item
 */
public record ValidationReport(Instant at, List<CheckResult> results, LockStrategy lockStrategy, String targetIdentity,
                               List<SyncShard> syncs) {
    public ValidationReport {
        results = List.copyOf(results);
        syncs = syncs == null || syncs.isEmpty() ? List.of(SyncShard.WHOLE) : List.copyOf(syncs);
    }

    public ValidationReport(Instant at, List<CheckResult> results, LockStrategy lockStrategy, String targetIdentity) {
        this(at, results, lockStrategy, targetIdentity, null);
    }

    public ValidationReport(Instant at, List<CheckResult> results) {
        this(at, results, null, null);
    }

    public boolean hasErrors() {
        return results.stream().anyMatch(r -> r.level() == CheckLevel.ERROR);
    }

    public long count(CheckLevel level) {
        return results.stream().filter(r -> r.level() == level).count();
    }

    public List<CheckResult> withLevel(CheckLevel level) {
        return results.stream().filter(r -> r.level() == level).toList();
    }
}
