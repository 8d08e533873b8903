package dev.redismigrate.core.validation;

import dev.redismigrate.core.elasticache.ManagedTarget;
import dev.redismigrate.core.task.MigrationTask;
import java.time.Instant;
import java.util.List;

/**
 * Everything the catalogue judges, gathered beforehand so that every check is a pure function.
 *
 * @param storedTasks every task in the store, or null when the store could not be read
 * @param storeProblem why the store could not be read (null when it could)
 * @param targetIdentity the target's identity ({@link dev.redismigrate.core.task.TargetIdentity})
 * @param managedTarget what the cloud knows about the target, null when it is not a managed instance found by id
 */
public record ValidationInputs(MigrationTask task, InstanceFacts source, InstanceFacts target,
                               List<MigrationTask> storedTasks, String storeProblem, Instant now,
                               String targetIdentity, ManagedTarget managedTarget) {
    public ValidationInputs {
        storedTasks = storedTasks == null ? null : List.copyOf(storedTasks);
    }
}
