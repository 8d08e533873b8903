package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.task.TaskSummary;
import java.time.Clock;

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
}
