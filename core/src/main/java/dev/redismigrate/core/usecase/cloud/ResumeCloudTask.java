package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.RecordOutcome;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code redis-migrate task resume}: a FAILED cloud task runs again from the checkpoint its target holds, in a new
 * execution ({@code mig-<id>-2}, {@code -3}, ...). The task becomes SYNCING (another run, the old failure cleared)
 * before the execution starts; its Validate step then passes a SYNCING task without validating (the target holds
 * migrated data by design), Lock claims and locks the target again (from the stored record if the old lock was never
 * undone), SetParameters applies them again, and the sync container continues from the checkpoint (a full resync when
 * the source no longer has the missing part of its stream).
 *
 * <p>A CANCELLED task is not resumed: cancel is a person's decision, its cleanup released the target, and CANCELLED
 * is final ({@code TaskStatus}); such a task is started over as a new task. A task whose execution still runs is
 * refused too: two runs would race for the target.
 */
public final class ResumeCloudTask {
    private static final Set<TaskStatus> RUNNING = EnumSet.of(TaskStatus.VALIDATING, TaskStatus.SYNCING, TaskStatus.FINISHING);

    private final TaskStore store;
    private final MigrationStarts starts;
    private final RecordOutcome outcome;
    private final Clock clock;

    public ResumeCloudTask(TaskStore store, MigrationStarts starts, RecordOutcome outcome, Clock clock) {
        this.store = store;
        this.starts = starts;
        this.outcome = outcome;
        this.clock = clock;
    }

    public StartedRun resume(String idOrName) {
        MigrationTask task = store.resolve(idOrName);
        if (RUNNING.contains(task.status())) {
            throw new TaskStateException("task " + task.id() + " is " + task.status() + ": its execution "
                    + ExecutionName.forRun(task) + " still runs; a FAILED task can be resumed once it has ended");
        }
        MigrationTask resumed = store.update(task.id(), t -> t.resume(clock.instant()));
        try {
            MigrationStarts.Started started = starts.start(resumed);
            return new StartedRun(resumed.id(), resumed.name(), resumed.status(), started.executionName(), started.at(),
                    started.scheduled());
        } catch (RuntimeException e) {
            outcome.failed(resumed.id(), "the resumed run's execution " + ExecutionName.forRun(resumed) + " did not start: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), List.of());
            throw e;
        }
    }
}
