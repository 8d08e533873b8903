package dev.redismigrate.core.port;

import dev.redismigrate.core.task.MigrationTask;

/**
 * What would start a task that waits for its scheduled time: in the cloud its waiting execution or its EventBridge
 * schedule; locally nothing (the waiting process sees the task leave SCHEDULED and stops waiting).
 */
public interface PendingStarts {
    /** Nothing waits, or the waiting process watches the task itself. */
    PendingStarts NONE = task -> { };

    /** Makes sure the task's pending start never fires; idempotent, and harmless when nothing waits. */
    void withdraw(MigrationTask task);
}
