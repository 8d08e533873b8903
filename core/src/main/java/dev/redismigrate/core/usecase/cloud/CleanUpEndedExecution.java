package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.port.SyncTasks;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.usecase.RestoreSourceParameters;
import dev.redismigrate.core.usecase.UnlockTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The janitor's job, for an execution that ended ABORTED, TIMED_OUT or FAILED: what its own cleanup chain would have
 * done, with the same use cases. Its sync containers are stopped first, every sync's (one per shard of a cluster
 * source: nothing may write while the target is unlocked), then the parameters the task still has applied are restored and the target unlocked (the claim
 * released); a task that was still running is recorded FAILED with how the execution ended, one whose start was
 * still ahead (a stopped waiting execution) CANCELLED. An execution that had cleaned up after itself (an ordinary
 * failure or cancel) leaves nothing to do: every step is idempotent. Anything left undone is thrown after the task is
 * recorded, so that the event is delivered again. An execution that is no longer the task's current run (the task was
 * edited, or resumed under {@code mig-<id>-2}, before the event arrived) is left alone: the task has moved on, and
 * undoing its lock or parameters would pull them from under the run that now owns them.
 */
public final class CleanUpEndedExecution {
    private final TaskStore store;
    private final SyncTasks syncTasks;
    private final RestoreSourceParameters restoreParameters;
    private final UnlockTarget unlockTarget;
    private final RecordOutcome outcome;
    private final RequestStop requestStop;

    public CleanUpEndedExecution(TaskStore store, SyncTasks syncTasks, RestoreSourceParameters restoreParameters,
                                 UnlockTarget unlockTarget, RecordOutcome outcome, RequestStop requestStop) {
        this.store = store;
        this.syncTasks = syncTasks;
        this.restoreParameters = restoreParameters;
        this.unlockTarget = unlockTarget;
        this.outcome = outcome;
        this.requestStop = requestStop;
    }

    /** @param how one line: how the execution ended, with its error and cause */
    public CleanupReport cleanUp(String taskId, String executionName, String how) {
        Optional<MigrationTask> found = store.find(taskId);
        if (found.isEmpty()) {
            return new CleanupReport(taskId, null, List.of("no task " + taskId + ": nothing to clean up"));
        }
        MigrationTask task = found.get();
        if (!ExecutionName.forRun(task).equals(executionName)) {
            return new CleanupReport(taskId, task.status(), List.of("the execution " + executionName
                    + " was superseded by " + ExecutionName.forRun(task) + ": nothing to clean up"));
        }
        List<String> actions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            // Every sync's containers (one per shard of a cluster source), named alike by every run: this run is the
            // task's current one, so they are all its own.
            int stopped = 0;
            for (SyncShard sync : task.syncs()) {
                stopped += syncTasks.stop(ExecutionName.startedBy(taskId, sync), "redis-migrate: " + how);
            }
            if (stopped > 0) {
                actions.add("stopped " + stopped + " sync container(s)");
            }
        } catch (RuntimeException e) {
            problems.add("stopping the sync containers: " + message(e));
        }
        if (task.parameters().stream().anyMatch(ParameterSetting::applied)) {
            try {
                SourceParameters.Applied restored = restoreParameters.restore(taskId);
                actions.add("restored the source parameters");
                restored.warnings().forEach(w -> actions.add("warning: " + w));
            } catch (RuntimeException e) {
                problems.add("restoring source parameters: " + message(e));
            }
        }
        try {
            unlockTarget.unlock(taskId);
            if (task.lock() != null) {
                actions.add("unlocked the target");
            }
        } catch (RuntimeException e) {
            problems.add("unlocking the target: " + message(e));
        }
        MigrationTask after = record(store.resolve(taskId), how, problems, actions);
        if (!problems.isEmpty()) {
            throw new CleanupIncompleteException("task " + taskId + ": " + String.join("; ", problems));
        }
        return new CleanupReport(taskId, after.status(), actions);
    }

    private MigrationTask record(MigrationTask task, String how, List<String> problems, List<String> actions) {
        if (task.status() == TaskStatus.SCHEDULED) {
            actions.add("cancelled: its start was still ahead");
            return requestStop.cancel(task.id());
        }
        if (task.status() == TaskStatus.VALIDATING || task.status() == TaskStatus.SYNCING
                || task.status() == TaskStatus.FINISHING) {
            actions.add("recorded FAILED");
            return outcome.failed(task.id(), how + "; the janitor cleaned up after it", problems);
        }
        return task;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
