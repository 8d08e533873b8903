package dev.redismigrate.core.task;

import dev.redismigrate.core.progress.DbKeyCount;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a finished (or failed) migration did, shown at the end and kept in the task. */
public record TaskSummary(long keysApplied, long bytesReceived, long durationSeconds,
                          Map<Integer, DbKeyCount> sourceKeys, Map<Integer, DbKeyCount> targetKeys) {
    public TaskSummary {
        sourceKeys = sourceKeys == null ? Map.of() : Map.copyOf(sourceKeys);
        targetKeys = targetKeys == null ? Map.of() : Map.copyOf(targetKeys);
    }

    /**
     * The summary of a task whose syncs ran side by side (one per shard of a cluster source, in the order of
     * {@link MigrationTask#syncs}), from each sync's: keys and bytes summed, the duration of the longest, the source's
     * keys summed (each shard counts its own primary), the target's as the first sync counted them (every sync counts
     * the whole target, and the first one ran the finish gate). One sync's summary is its own.
     */
    public static TaskSummary ofSyncs(List<TaskSummary> syncs) {
        if (syncs.size() == 1) {
            return syncs.get(0);
        }
        Map<Integer, DbKeyCount> sourceKeys = new TreeMap<>();
        syncs.forEach(sync -> sync.sourceKeys().forEach((db, count) -> sourceKeys.merge(db, count, DbKeyCount::plus)));
        return new TaskSummary(syncs.stream().mapToLong(TaskSummary::keysApplied).sum(),
                syncs.stream().mapToLong(TaskSummary::bytesReceived).sum(),
                syncs.stream().mapToLong(TaskSummary::durationSeconds).max().orElse(0), sourceKeys,
                syncs.isEmpty() ? Map.of() : syncs.get(0).targetKeys());
    }
}
