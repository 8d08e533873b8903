package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStore;

/** Loading the task a use case works on. */
final class StoredTasks {
    private StoredTasks() {
    }

    static MigrationTask load(TaskStore store, String taskId) {
        return store.find(taskId).orElseThrow(() -> new TaskNotFoundException("no task has the id '" + taskId + "'"));
    }
}
