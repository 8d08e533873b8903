package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.TaskStatus;
import java.util.List;

/** What the janitor did for one ended execution, in order (empty when the execution had cleaned up after itself). */
public record CleanupReport(String taskId, TaskStatus status, List<String> actions) {
    public CleanupReport {
        actions = List.copyOf(actions);
    }
}
