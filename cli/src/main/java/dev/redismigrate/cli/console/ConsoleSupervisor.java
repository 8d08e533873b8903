package dev.redismigrate.cli.console;

import dev.redismigrate.cli.RunningTasks;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every task of the store once a second, whoever changes it (this console's runs, the CLI, another
 * machine): publishes what changed ({@code task} and {@code progress} events), samples the progress series, starts a
 * scheduled task when its time comes, and picks up a task whose run is gone (VALIDATING or SYNCING, no live process
 * marks it, silent for {@link RunningTasks#SILENT_RUN}): after a restart the console resumes its syncs.
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
    private final BackgroundRuns runs;
    private final RunningTasks running;
    private final ProgressSeries series;
    private final TaskEvents events;
    private final EventStream stream;
    private final TaskViews views;
    private final PasswordFiles passwords;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    ConsoleSupervisor(TaskStore store, BackgroundRuns runs, RunningTasks running, ProgressSeries series,
                      TaskEvents events, EventStream stream, TaskViews views, PasswordFiles passwords, Clock clock) {
        this.store = store;
        this.runs = runs;
        this.running = running;
        this.series = series;
        this.events = events;
        this.stream = stream;
        this.views = views;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** One look at every task; a failure is logged and the next look tries again. */
    void tick() {
        try {
            for (MigrationTask task : store.list()) {
                observe(task);
                pickUp(task);
            }
        } catch (RuntimeException e) {
            LOG.warn("looking at the tasks failed (tried again in a second): {}", e.getMessage());
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
        if (t.status() == TaskStatus.FINISHED || t.status() == TaskStatus.CANCELLED) {
            // nothing will connect for this task again: the passwords typed for it go
            passwords.discard(t.source().endpoint().password());
            passwords.discard(t.target().endpoint().password());
        }
        stream.publish("task", views.summary(t));
    }

    private void pickUp(MigrationTask t) {
        if (runs.runsHere(t.id()) || typedIntoAnotherProcess(t)) {
            return;
        }
        Instant now = clock.instant();
        boolean due = t.status() == TaskStatus.SCHEDULED && !t.scheduledStart().isAfter(now);
        boolean orphan = (t.status() == TaskStatus.VALIDATING || t.status() == TaskStatus.SYNCING)
                && Duration.between(RunningTasks.lastSignOfLife(t), now).compareTo(RunningTasks.SILENT_RUN) >= 0;
        if (!(due || orphan) || running.liveProcess(t.id()).isPresent()) {
            return; // a CLI process waits for it or runs it
        }
        try {
            if (t.status() == TaskStatus.SYNCING) {
                events.add(t.id(), new TaskEvents.Event(now, "picked-up", "its run is gone: resuming from the"
                        + " target's checkpoint"));
                runs.resume(t.id());
            } else {
                runs.run(t.id());
            }
        } catch (TaskStateException takenMeanwhile) {
            // another process marked it between our look and our mark: it runs there
        }
    }

    /** Passwords typed into a CLI command live only in that process: {@code resume} with password files continues it. */
    private static boolean typedIntoAnotherProcess(MigrationTask t) {
        return t.source().endpoint().password() instanceof SecretRef.ProcessOnly
                || t.target().endpoint().password() instanceof SecretRef.ProcessOnly;
    }
}
