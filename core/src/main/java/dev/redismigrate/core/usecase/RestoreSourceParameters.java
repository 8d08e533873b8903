package dev.redismigrate.core.usecase;

import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;

/**
 * Puts back the source parameters the migration changed (at the end, and after a failure or a cancel). Each restored
 * setting is stored as no longer applied, so running it again only retries what is still outstanding.
 */
public final class RestoreSourceParameters {
    private final TaskStore store;
    private final SourceParameters sourceParameters;
    private final Clock clock;

    public RestoreSourceParameters(TaskStore store, SourceParameters sourceParameters, Clock clock) {
        this.store = store;
        this.sourceParameters = sourceParameters;
        this.clock = clock;
    }

    public SourceParameters.Applied restore(String taskId) {
        MigrationTask task = StoredTasks.load(store, taskId);
        SourceParameters.Applied restored = sourceParameters.restore(task.source(), task.parameters());
        store.update(taskId, t -> t.withParameters(restored.settings(), clock.instant()));
        return restored;
    }
}
