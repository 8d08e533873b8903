package dev.redismigrate.core.port;

import dev.redismigrate.core.task.TaskStatus;
import java.time.Instant;

/**
 * Where a task's status changes are announced, for people and systems that route them (EventBridge in the cloud).
 * Announcing is best effort: an implementation never throws, so a status already stored never fails to be stored
 * because nobody could be told.
 */
public interface StatusEvents {
    /**
     * One change of a task's status.
     *
     * @param previousStatus null for a new task
     * @param failure the task's failure line, when it has one (FAILED, VALIDATION_FAILED); null otherwise
     */
    record StatusChange(String taskId, String name, TaskStatus status, TaskStatus previousStatus, String failure,
                        Instant at) {
    }

    void announce(StatusChange change);

    /** Nobody listens (a local run, or a composition without an event bus). */
    static StatusEvents none() {
        return change -> { };
    }
}
