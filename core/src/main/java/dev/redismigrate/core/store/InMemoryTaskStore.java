package dev.redismigrate.core.store;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
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
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    @Override
    public synchronized MigrationTask create(MigrationTask task) {
        if (tasks.containsKey(task.id())) {
            throw new TaskConflictException("task " + task.id() + " exists already");
        }
        MigrationTask stored = task.atVersion(1);
        tasks.put(task.id(), stored);
        return stored;
    }

    @Override
    public Optional<MigrationTask> find(String id) {
        MigrationTask task = tasks.get(id);
        if (task == null) {
            return Optional.empty();
        }
        Progress p = progress.get(id);
        return Optional.of(p == null ? task : task.withProgress(p));
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
        MigrationTask stored = changed.atVersion(changed.version() + 1);
        tasks.put(changed.id(), stored);
        return stored;
    }

    @Override
    public void saveProgress(String id, Progress p) {
        progress.put(id, p);
    }
}
