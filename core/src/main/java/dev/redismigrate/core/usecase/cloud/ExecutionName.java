package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import java.util.Optional;

/**
 * A task's execution of the state machine is named after it and its run ({@code MigrationTask.runs()}):
 * {@code mig-<taskId>} for the first, {@code mig-<taskId>-2}, {@code -3}, ... for a start after an edit or a resume.
 * Step Functions refuses a second execution of the same name (and keeps a name taken for 90 days), so a start pressed
 * twice (or a schedule that fires twice) cannot run the task twice, while each new run gets a name of its own. The
 * task's one-time schedule carries the same name.
 */
public final class ExecutionName {
    private static final String PREFIX = "mig-";

    private ExecutionName() {
    }

    /** The first run's execution (and a task stored before runs were counted: 0). */
    public static String forTask(String taskId) {
        return PREFIX + taskId;
    }

    /** The execution of the task's current run. */
    public static String forRun(MigrationTask task) {
        return task.runs() <= 1 ? forTask(task.id()) : forTask(task.id()) + "-" + task.runs();
    }

    /**
     * What the sync containers of one of the task's syncs are started by (ECS {@code startedBy}), whichever run
     * started them: {@code mig-<taskId>} for the whole source, {@code mig-<taskId>/<shard id>} for a shard of a
     * cluster source. A new run of a sync stops that sync's earlier containers by it, the janitor every sync's.
     */
    public static String startedBy(String taskId, SyncShard sync) {
        return sync.syncKey(forTask(taskId));
    }

    /** The task an execution runs, from its name; task ids hold no dash, so a suffix ({@code mig-<id>-2}) is dropped. */
    public static Optional<String> taskId(String executionName) {
        if (executionName == null || !executionName.startsWith(PREFIX) || executionName.length() == PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(executionName.substring(PREFIX.length()).split("-", 2)[0]);
    }
}
