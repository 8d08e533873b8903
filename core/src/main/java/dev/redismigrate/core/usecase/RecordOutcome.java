package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.task.TaskSummary;
import java.time.Clock;
import java.util.List;

/** The last step of every path: the task's final status, with the summary or the cause. */
public final class RecordOutcome {
    private final TaskStore store;
    private final Clock clock;

    public RecordOutcome(TaskStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** SYNCING -> FINISHING: the sync stopped on FINISH; parameters and lock are undone next. */
    public MigrationTask finishing(String taskId) {
        return store.update(taskId, t -> t.status() == TaskStatus.FINISHING ? t : t.moveTo(TaskStatus.FINISHING, clock.instant()));
    }

    public MigrationTask finished(String taskId, TaskSummary summary) {
        return store.update(taskId, t -> t.withSummary(summary, clock.instant()).moveTo(TaskStatus.FINISHED, clock.instant()));
    }

    public MigrationTask cancelled(String taskId, TaskSummary summary) {
        return store.update(taskId, t -> t.status() == TaskStatus.CANCELLED ? t
                : t.withSummary(summary, clock.instant()).moveTo(TaskStatus.CANCELLED, clock.instant()));
    }

    /** @param cause one line for the user, without secrets */
    public MigrationTask failed(String taskId, String cause) {
        return store.update(taskId, t -> t.status() == TaskStatus.FAILED ? t : t.failed(cause, clock.instant()));
    }

    /**
     * A run that failed, or whose cleanup left something to undo, or both, as one cause: the failure first, then what
     * the cleanup could not do ({@code "sync gave up (and cleanup failed: unlocking the target: ...)"}).
     *
     * @param failure what stopped the run, or null
     * @param cleanupProblems one entry per cleanup step that failed ("restoring source parameters: ..."); not both empty
     */
    public MigrationTask failed(String taskId, String failure, List<String> cleanupProblems) {
        String cleanup = String.join("; ", cleanupProblems);
        String cause = failure == null ? "cleanup failed: " + cleanup
                : cleanupProblems.isEmpty() ? failure : failure + " (and cleanup failed: " + cleanup + ")";
        return failed(taskId, cause);
    }
}
