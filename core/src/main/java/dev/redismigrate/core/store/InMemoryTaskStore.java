package dev.redismigrate.core.store;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskConflictException;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TaskStore} in memory, for unit tests of the use cases and for one-shot commands. */
public final class InMemoryTaskStore implements TaskStore {
    private final Map<String, MigrationTask> tasks = new ConcurrentHashMap<>();
    /** By task id, the whole source's report. */
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    /** By task id, each shard's report by shard id. */
    private final Map<String, Map<String, Progress>> shardProgress = new ConcurrentHashMap<>();

    @Override
    public synchronized MigrationTask create(MigrationTask task) {
        if (tasks.containsKey(task.id())) {
            throw new TaskConflictException("task " + task.id() + " exists already");
        }
        MigrationTask stored = task.atVersion(1).withoutProgress();
        tasks.put(task.id(), stored);
        return stored;
    }

    @Override
    public Optional<MigrationTask> find(String id) {
        MigrationTask task = tasks.get(id);
        if (task == null) {
            return Optional.empty();
        }
        return Optional.of(task.withSyncProgress(progress.get(id), shardProgress.getOrDefault(id, Map.of())));
    }

    @Override
    public List<MigrationTask> list() {
        return tasks.keySet().stream().map(id -> find(id).orElseThrow())
                .sorted(Comparator.comparing(MigrationTask::createdAt).reversed()).toList();
    }

    @Override
    public synchronized MigrationTask update(MigrationTask changed) {
        MigrationTask current = tasks.get(changed.id());
        if (current == null) {
            throw new TaskNotFoundException("task " + changed.id() + " no longer exists");
        }
        if (current.version() != changed.version()) {
            throw new TaskConflictException("task " + changed.id() + " was changed by someone else (version "
                    + current.version() + ", expected " + changed.version() + ")");
        }
        MigrationTask stored = changed.atVersion(changed.version() + 1).withoutProgress();
        tasks.put(changed.id(), stored);
        return stored;
    }

    @Override
    public void saveProgress(String id, SyncShard sync, Progress p) {
        if (sync.whole()) {
            progress.put(id, p);
        } else {
            shardProgress.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(sync.id(), p);
        }
    }
}
