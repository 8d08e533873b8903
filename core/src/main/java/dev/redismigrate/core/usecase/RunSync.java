package dev.redismigrate.core.usecase;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Runs the sync for a SYNCING task until a person finishes or cancels it: progress goes to the store (and to an
 * optional listener), the desired state comes from the store, and FINISH stops only once the {@link FinishGate}
 * passes or the person forced it. A refused finish puts the task back to RUN with the reason as an event.
 */
public final class RunSync {
    private final TaskStore store;
    private final SyncRunner runner;
    private final FinishGate gate;
    private final Clock clock;

    public RunSync(TaskStore store, SyncRunner runner, FinishGate gate, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.gate = gate;
        this.clock = clock;
    }

    /** @param writer the target as our writes reach it (the migration user while the target is locked) */
    public SyncRunner.Result run(String taskId, RedisEndpoint writer, Consumer<Progress> listener) {
        MigrationTask task = store.find(taskId).orElseThrow();
        if (task.status() != TaskStatus.SYNCING) {
            throw new TaskStateException("task " + taskId + " is " + task.status() + ", not SYNCING");
        }
        // progress saved by an earlier run means that run may have written to the target (a resume)
        SyncRunner.Request request = new SyncRunner.Request(taskId, task.source().endpoint(), writer,
                task.progress() != null);
        return runner.run(request, new StoreControl(taskId, listener), progress -> {
            store.saveProgress(taskId, progress);
            listener.accept(progress);
        });
    }

    private final class StoreControl implements SyncRunner.Control {
        private final String taskId;
        private final Consumer<Progress> listener;

        StoreControl(String taskId, Consumer<Progress> listener) {
            this.taskId = taskId;
            this.listener = listener;
        }

        @Override
        public DesiredState desired() {
            return store.find(taskId).map(MigrationTask::desired).orElse(DesiredState.CANCEL);
        }

        @Override
        public boolean readyToStop(Progress drained) {
            MigrationTask task = store.find(taskId).orElseThrow();
            if (task.desired() == DesiredState.CANCEL) {
                return true;
            }
            FinishGate.Verdict verdict = task.forcedFinish()
                    ? FinishGate.Verdict.passed("finish forced without verification")
                    : gate.check(task, drained);
            if (verdict.pass()) {
                return true;
            }
            store.update(taskId, t -> t.desired() == DesiredState.FINISH && !t.forcedFinish()
                    ? t.withDesired(DesiredState.RUN, false, clock.instant()) : t);
            SyncEvent refused = new SyncEvent(clock.instant(), "finish-refused", verdict.summary()
                    + " (the sync goes on; finish again, or finish --force to accept the differences)");
            Progress withEvent = drained.withEvent(clock.instant(), refused);
            store.saveProgress(taskId, withEvent);
            listener.accept(withEvent);
            return false;
        }
    }
}
