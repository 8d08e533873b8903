package dev.redismigrate.core.task;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.retry.Retry;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where tasks live: a directory of JSON files locally, a DynamoDB table in the cloud. Changes are compare-and-set on
 * {@link MigrationTask#version()}; progress is written apart from the task so the sync's once-a-second reports never
 * conflict with a person's finish or cancel.
 */
public interface TaskStore {
    /** Stores a new task at version 1. Throws {@link TaskConflictException} if the id exists. */
    MigrationTask create(MigrationTask task);

    /** The task with its latest progress (each sync's, and their total). */
    Optional<MigrationTask> find(String id);

    /** All tasks, newest first. */
    List<MigrationTask> list();

    /**
     * Writes {@code changed} if the stored version is still {@code changed.version()}; returns it at the next version.
     * Throws {@link TaskConflictException} when someone else wrote first, {@link TaskNotFoundException} if it is gone.
     */
    MigrationTask update(MigrationTask changed);

    /**
     * The latest report of one of the task's syncs, kept apart from the others' (one sync container per shard writes
     * its own); {@link #find} returns the task with every sync's ({@link MigrationTask#withSyncProgress}). Last writer
     * wins; does not change the version.
     */
    void saveProgress(String id, SyncShard sync, Progress progress);

    /** The latest report of the sync of the whole source. */
    default void saveProgress(String id, Progress progress) {
        saveProgress(id, SyncShard.WHOLE, progress);
    }

    /** The task with this id, or else the only task with this name. */
    default MigrationTask resolve(String idOrName) {
        Optional<MigrationTask> byId = find(idOrName);
        if (byId.isPresent()) {
            return byId.get();
        }
        List<MigrationTask> named = list().stream().filter(t -> t.name().equals(idOrName)).toList();
        if (named.isEmpty()) {
            throw new TaskNotFoundException("no task has the id or name '" + idOrName + "'");
        }
        if (named.size() > 1) {
            throw new TaskNotFoundException("several tasks are named '" + idOrName + "' ("
                    + String.join(", ", named.stream().map(MigrationTask::id).toList()) + "); use the id");
        }
        return named.get(0);
    }

    /**
     * Reads, applies {@code change} and writes, again on a conflict (a concurrent progress-independent change), at most
     * a few times ({@link Retry#forConflicts()}). {@code change} must be a pure function of the task it is given.
     */
    default MigrationTask update(String id, UnaryOperator<MigrationTask> change) {
        return Retry.forConflicts().call(TaskConflictException.class::isInstance, () -> {
            MigrationTask current = find(id).orElseThrow(() -> new TaskNotFoundException("task " + id + " no longer exists"));
            return update(change.apply(current));
        });
    }
}
