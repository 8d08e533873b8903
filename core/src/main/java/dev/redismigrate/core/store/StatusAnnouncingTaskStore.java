package dev.redismigrate.core.store;

import dev.redismigrate.core.port.StatusEvents;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskStore;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TaskStore} that announces every status change it stores ({@link StatusEvents}), whichever use case made
 * it: the store is the one place every change passes. The previous status is read just before the write; the write is
 * compare-and-set on the version the change was made from, so when it succeeds that read was the status it replaced.
 * Progress is not a status change and is written through unannounced.
 */
public final class StatusAnnouncingTaskStore implements TaskStore {
    private final TaskStore store;
    private final StatusEvents events;

    public StatusAnnouncingTaskStore(TaskStore store, StatusEvents events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public MigrationTask create(MigrationTask task) {
        MigrationTask created = store.create(task);
        announce(created, null);
        return created;
    }

    @Override
    public Optional<MigrationTask> find(String id) {
        return store.find(id);
    }

    @Override
    public List<MigrationTask> list() {
        return store.list();
    }

    @Override
    public MigrationTask update(MigrationTask changed) {
        Optional<MigrationTask> before = store.find(changed.id());
        MigrationTask stored = store.update(changed);
        before.filter(previous -> previous.status() != stored.status())
                .ifPresent(previous -> announce(stored, previous));
        return stored;
    }

    @Override
    public void saveProgress(String id, SyncShard sync, Progress progress) {
        store.saveProgress(id, sync, progress);
    }

    private void announce(MigrationTask task, MigrationTask previous) {
        events.announce(new StatusEvents.StatusChange(task.id(), task.name(), task.status(),
                previous == null ? null : previous.status(), task.failure(), task.updatedAt()));
    }
}
