package dev.redismigrate.core.validation;

import dev.redismigrate.core.task.MigrationTask;
import java.time.Instant;
import java.util.List;

/**
 * Everything the catalogue judges, gathered beforehand so that every check is a pure function.
 *
 * @param storedTasks every task in the store, or null when the store could not be read
 * @param storeProblem why the store could not be read (null when it could)
 */
public record ValidationInputs(MigrationTask task, InstanceFacts source, InstanceFacts target,
                               List<MigrationTask> storedTasks, String storeProblem, Instant now) {
    public ValidationInputs {
        storedTasks = storedTasks == null ? null : List.copyOf(storedTasks);
    }
}
