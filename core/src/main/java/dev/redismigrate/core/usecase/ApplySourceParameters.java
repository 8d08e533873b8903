package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;

/**
 * Sets the task's parameters on the source. The previous values are stored in the task before any of them changes
 * (through the port's {@code recorded} callback), then the outcome is stored; warnings (CONFIG denied or renamed, a
 * parameter the source does not know) go back to the caller and the migration proceeds.
 */
public final class ApplySourceParameters {
    private final TaskStore store;
    private final SourceParameters sourceParameters;
    private final Clock clock;

    public ApplySourceParameters(TaskStore store, SourceParameters sourceParameters, Clock clock) {
        this.store = store;
        this.sourceParameters = sourceParameters;
        this.clock = clock;
    }

    public SourceParameters.Applied apply(String taskId) {
        MigrationTask task = StoredTasks.load(store, taskId);
        SourceParameters.Applied applied = sourceParameters.apply(task.source(), task.parameters(),
                recorded -> store.update(taskId, t -> t.withParameters(recorded, clock.instant())));
        store.update(taskId, t -> t.withParameters(applied.settings(), clock.instant()));
        return applied;
    }
}
