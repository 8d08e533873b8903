package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.StartTask;

/**
 * "Start" / "scheduled start" pressed for a VALIDATED cloud task ({@code redis-migrate task start}): after an edit, or
 * for a task created with {@code --no-start}. The run gets the next execution name ({@code mig-<id>-2} after an edit
 * stopped the first), so no name is ever reused.
 */
public final class StartCloudTask {
    private final TaskStore store;
    private final StartTask startTask;
    private final MigrationStarts starts;

    public StartCloudTask(TaskStore store, StartTask startTask, MigrationStarts starts) {
        this.store = store;
        this.startTask = startTask;
        this.starts = starts;
    }

    public StartedRun start(String idOrName) {
        MigrationTask task = store.resolve(idOrName);
        if (task.status() != TaskStatus.VALIDATED) {
            throw new TaskStateException("task " + task.id() + " is " + task.status() + ": only a VALIDATED task can be"
                    + " started" + (task.status() == TaskStatus.VALIDATION_FAILED || task.status() == TaskStatus.CREATED
                    ? "; fix what validation reports (redis-migrate task edit) so that it validates" : ""));
        }
        MigrationTask pressed = startTask.press(task.id());
        MigrationStarts.Started started = starts.start(pressed);
        return new StartedRun(pressed.id(), pressed.name(), pressed.status(), started.executionName(), started.at(),
                started.scheduled());
    }
}
