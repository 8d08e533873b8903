package dev.redismigrate.core.usecase;

import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole migration in one process: the local counterpart of the Step Functions workflow, calling the same step
 * use cases in the same order. Start (wait for the scheduled time, validate again) -> lock the target -> set the
 * source parameters -> sync until finish or cancel -> restore the parameters -> unlock -> record the outcome. The
 * cleanup runs on every path (like {@code finally}), and a failure leaves the task FAILED with its cause.
 */
public final class RunMigration {
    /** What the local runner tells the person watching. */
    public interface Listener {
        void step(String message);

        void validated(ValidationReport report);

        void progress(Progress progress);
    }

    private static final Duration SCHEDULE_POLL = Duration.ofSeconds(1);

    private final TaskStore store;
    private final StartTask start;
    private final LockTarget lock;
    private final ApplySourceParameters applyParameters;
    private final RunSync sync;
    private final RestoreSourceParameters restoreParameters;
    private final UnlockTarget unlock;
    private final RecordOutcome outcome;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waiting is a seam so tests need not sleep through a schedule. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public RunMigration(TaskStore store, StartTask start, LockTarget lock, ApplySourceParameters applyParameters,
                        RunSync sync, RestoreSourceParameters restoreParameters, UnlockTarget unlock,
                        RecordOutcome outcome, Clock clock, Sleeper sleeper) {
        this.store = store;
        this.start = start;
        this.lock = lock;
        this.applyParameters = applyParameters;
        this.sync = sync;
        this.restoreParameters = restoreParameters;
        this.unlock = unlock;
        this.outcome = outcome;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs a VALIDATED (or SCHEDULED) task to its end; returns the task in its final status. */
    public MigrationTask run(String taskId, Listener listener) {
        MigrationTask task = store.find(taskId).orElseThrow();
        if (task.status() == TaskStatus.VALIDATED) {
            task = start.press(taskId);
        }
        if (task.status() == TaskStatus.SCHEDULED && !waitForSchedule(task, listener)) {
            return store.find(taskId).orElseThrow();
        }
        start.timeReached(taskId);
        listener.step("validating again before start");
        task = start.validateAgain(taskId);
        listener.validated(task.lastValidation());
        if (task.status() == TaskStatus.VALIDATION_FAILED) {
            listener.step("validation found errors: nothing was changed");
            return task;
        }
        return syncWithCleanup(taskId, listener);
    }

    /**
     * Takes over a task whose sync process died (still SYNCING) or gave up (FAILED): no new validation (the target now
     * holds migrated data by design), the lock and parameters are put in place again, and the sync continues from the
     * checkpoint the target holds.
     */
    public MigrationTask resume(String taskId, Listener listener) {
        MigrationTask task = store.update(taskId, t -> t.resume(clock.instant()));
        listener.step("resuming task " + task.name() + " (" + task.id() + ") from the checkpoint on the target");
        return syncWithCleanup(taskId, listener);
    }

    private MigrationTask syncWithCleanup(String taskId, Listener listener) {
        List<String> cleanupProblems = new ArrayList<>();
        SyncRunner.Result result = null;
        String failure = null;
        try {
            TargetLock.Grant grant = lock.lock(taskId);
            listener.step(lockedStep(grant));
            SourceParameters.Applied applied = applyParameters.apply(taskId);
            applied.warnings().forEach(w -> listener.step("warning: " + w));
            listener.step("source parameters set: " + applied.settings().size());
            result = sync.run(taskId, grant.writer(), listener::progress);
        } catch (SyncFailedException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            if (result != null && result.stoppedBy() == DesiredState.FINISH) {
                outcome.finishing(taskId);
            }
            cleanup(taskId, listener, cleanupProblems);
        }
        if (failure != null || !cleanupProblems.isEmpty()) {
            MigrationTask failed = outcome.failed(taskId, failure, cleanupProblems);
            listener.step("FAILED: " + failed.failure());
            return failed;
        }
        if (result.stoppedBy() == DesiredState.CANCEL) {
            listener.step("cancelled: parameters restored, target unlocked");
            return outcome.cancelled(taskId, result.summary());
        }
        listener.step("finished: parameters restored, target unlocked");
        return outcome.finished(taskId, result.summary());
    }

    private static String lockedStep(TargetLock.Grant grant) {
        LockRecord record = grant.record();
        if (record == null) {
            return "target not locked (strategy none, accepted at validation): " + LockStrategy.NONE.userSees();
        }
        return "target locked (" + record.strategy().id() + ")" + (record.migrationUser() == null ? ""
                : ": only the migration user " + record.migrationUser() + " may write");
    }

    private void cleanup(String taskId, Listener listener, List<String> problems) {
        try {
            SourceParameters.Applied restored = restoreParameters.restore(taskId);
            restored.warnings().forEach(w -> listener.step("warning: " + w));
        } catch (RuntimeException e) {
            problems.add("restoring source parameters: " + e.getMessage());
        }
        try {
            unlock.unlock(taskId);
        } catch (RuntimeException e) {
            problems.add("unlocking the target: " + e.getMessage());
        }
    }

    /** False when the task was cancelled (or edited) while waiting. */
    private boolean waitForSchedule(MigrationTask task, Listener listener) {
        listener.step("scheduled: starts at " + task.scheduledStart());
        while (true) {
            MigrationTask current = store.find(task.id()).orElseThrow();
            if (current.status() != TaskStatus.SCHEDULED) {
                listener.step("no longer scheduled: " + current.status());
                return false;
            }
            Instant now = clock.instant();
            if (!current.scheduledStart().isAfter(now)) {
                return true;
            }
            try {
                Duration left = Duration.between(now, current.scheduledStart());
                sleeper.sleep(left.compareTo(SCHEDULE_POLL) < 0 ? left : SCHEDULE_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
