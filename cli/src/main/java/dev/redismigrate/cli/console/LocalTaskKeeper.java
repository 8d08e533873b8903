package dev.redismigrate.cli.console;

import dev.redismigrate.cli.RunningTasks;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What the local console does with each task it looks at ({@link ConsoleSupervisor}): starts a SCHEDULED task whose
 * time has come, picks up a task whose run is gone (VALIDATING or SYNCING, no live process marks it, silent for
 * {@link RunningTasks#SILENT_RUN}: after a restart the console resumes its syncs), and deletes the passwords typed for
 * a task that has ended.
 */
final class LocalTaskKeeper implements Consumer<MigrationTask> {
    private final BackgroundRuns runs;
    private final RunningTasks running;
    private final PasswordFiles passwords;
    private final TaskEvents events;
    private final Clock clock;

    LocalTaskKeeper(BackgroundRuns runs, RunningTasks running, PasswordFiles passwords, TaskEvents events, Clock clock) {
        this.runs = runs;
        this.running = running;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void accept(MigrationTask t) {
        if (t.status() == TaskStatus.FINISHED || t.status() == TaskStatus.CANCELLED) {
            // nothing will connect for this task again: the passwords typed for it go (other references stay)
            passwords.discard(t.source().endpoint().password());
            passwords.discard(t.target().endpoint().password());
            return;
        }
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
