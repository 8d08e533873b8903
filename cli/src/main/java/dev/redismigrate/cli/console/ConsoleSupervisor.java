package dev.redismigrate.cli.console;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every task of the store once a second, whoever changes it (this console's runs, the CLI, another machine,
 * the stack's executions): publishes what changed ({@code task} and {@code progress} events), samples the progress
 * series from the sync's progress records, keeps status changes and sync events as the task's events, and hands each
 * task to the mode's keeper ({@link LocalTaskKeeper} starts and resumes local runs; the cloud's executions need none).
 */
final class ConsoleSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSupervisor.class);

    /** What the last look saw of a task. */
    private record Seen(long version, TaskStatus status, Instant progressAt, SyncEvent syncEvent) {
        static Seen of(MigrationTask t) {
            Progress p = t.progress();
            return new Seen(t.version(), t.status(), p == null ? null : p.updatedAt(), p == null ? null : p.lastEvent());
        }
    }

    private final TaskStore store;
    private final ProgressSeries series;
    private final TaskEvents events;
    private final EventStream stream;
    private final TaskViews views;
    private final Consumer<MigrationTask> keeper;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    /** The last failure logged, by task id ("" for the store): a failure repeated every second is logged once. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    ConsoleSupervisor(TaskStore store, ProgressSeries series, TaskEvents events, EventStream stream, TaskViews views,
                      Consumer<MigrationTask> keeper) {
        this.store = store;
        this.series = series;
        this.events = events;
        this.stream = stream;
        this.views = views;
        this.keeper = keeper;
    }

    /**
     * One look at every task; a failure is logged (once, until it changes) and the next look tries again. A task that
     * fails does not keep the others from being looked at (a password file that cannot be deleted, say).
     */
    void tick() {
        List<MigrationTask> tasks;
        try {
            tasks = store.list();
        } catch (RuntimeException e) {
            warnOnce("", "looking at the tasks failed (tried again in a second): " + e.getMessage());
            return;
        }
        failures.remove("");
        for (MigrationTask task : tasks) {
            try {
                observe(task);
                keeper.accept(task);
                failures.remove(task.id());
            } catch (RuntimeException e) {
                warnOnce(task.id(), "looking at task " + task.id() + " failed (tried again in a second): "
                        + e.getMessage());
            }
        }
    }

    private void warnOnce(String key, String message) {
        if (!message.equals(failures.put(key, message))) {
            LOG.warn(message);
        }
    }

    private void observe(MigrationTask t) {
        Seen now = Seen.of(t);
        Seen before = seen.put(t.id(), now);
        if (now.equals(before)) {
            return;
        }
        if (before != null && before.status() != t.status()) {
            events.add(t.id(), new TaskEvents.Event(t.updatedAt(), "status", before.status() + " -> " + t.status()
                    + (t.failure() == null ? "" : ": " + t.failure())));
        }
        Progress p = t.progress();
        if (p != null && p.updatedAt() != null && (before == null || !p.updatedAt().equals(before.progressAt()))) {
            ProgressSample sample = ProgressSample.of(p);
            if (series.add(t.id(), sample)) {
                stream.publish("progress", Map.of("taskId", t.id(), "sample", sample));
            }
        }
        if (p != null && p.lastEvent() != null && (before == null || !p.lastEvent().equals(before.syncEvent()))) {
            events.add(t.id(), TaskViews.event(p.lastEvent()));
        }
        stream.publish("task", views.summary(t));
    }
}
