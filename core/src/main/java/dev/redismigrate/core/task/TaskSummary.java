package dev.redismigrate.core.task;

import dev.redismigrate.core.progress.DbKeyCount;
import java.util.Map;

/** What a finished (or failed) migration did, shown at the end and kept in the task. */
public record TaskSummary(long keysApplied, long bytesReceived, long durationSeconds,
                          Map<Integer, DbKeyCount> sourceKeys, Map<Integer, DbKeyCount> targetKeys) {
    public TaskSummary {
        sourceKeys = sourceKeys == null ? Map.of() : Map.copyOf(sourceKeys);
        targetKeys = targetKeys == null ? Map.of() : Map.copyOf(targetKeys);
    }
}
