package dev.redismigrate.core.usecase;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.FinishBarrier;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ShardFailure;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs one of a SYNCING task's syncs (the whole source, or one shard of a cluster source in a sync container of its
 * own) until a person finishes or cancels it: its progress goes to the store as that sync's (and to an optional
 * listener), and so does each shard's when the whole of a cluster source runs in this process; the desired state
 * comes from the store, and FINISH stops only once the {@link FinishGate} passes or the person forced it. A refused finish puts the task back to RUN with the reason as an event. The shards of a task with
 * several syncs finish together ({@link FinishTogether}). When a sibling shard's sync failed
 * ({@link StopSiblings}), a shard's sync stops within a report as SIGTERM stops it (its thread is interrupted),
 * undoing nothing, notes on the task that it stopped, and the run throws {@link SiblingShardFailedException}.
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

    /** The sync of the whole source. @see #run(String, SyncShard, RedisEndpoint, Consumer) */
    public SyncRunner.Result run(String taskId, RedisEndpoint writer, Consumer<Progress> listener) {
        return run(taskId, SyncShard.WHOLE, writer, listener);
    }

    /**
     * @param sync   the whole source, or one of {@link MigrationTask#syncs()}
     * @param writer the target as our writes reach it (the migration user while the target is locked)
     */
    public SyncRunner.Result run(String taskId, SyncShard sync, RedisEndpoint writer, Consumer<Progress> listener) {
        MigrationTask task = store.find(taskId).orElseThrow();
        if (!mayRun(task, sync)) {
            throw new TaskStateException("task " + taskId + " is " + task.status() + ", not SYNCING");
        }
        // progress saved by an earlier run of this sync means that run may have written to the target (a resume)
        SyncRunner.Request request = new SyncRunner.Request(taskId, task.source().endpoint(), writer,
                task.progressOf(sync) != null, sync);
        StoreControl control = new StoreControl(taskId, sync, listener, Thread.currentThread());
        SyncRunner.Result result = null;
        try {
            // the shards of a whole cluster source run here are saved as their own containers would save them
            result = runner.run(request, control, progress -> {
                store.saveProgress(taskId, sync, progress);
                listener.accept(progress);
            }, (shard, progress) -> store.saveProgress(taskId, shard, progress));
        } catch (RuntimeException e) {
            if (control.siblingFailure.get() == null) {
                throw e;
            }
        }
        // also when the sync ended by itself as it was interrupted: the interrupt must not outlive the run
        ShardFailure sibling = control.siblingFailure.get();
        if (sibling != null) {
            Thread.interrupted(); // ours, not SIGTERM's
            noteStopped(taskId, sync);
            throw new SiblingShardFailedException(sibling);
        }
        return result;
    }

    /** For the failed shard, which waits for it before it answers ({@link StopSiblings}); it waits out its bound else. */
    private void noteStopped(String taskId, SyncShard sync) {
        try {
            store.update(taskId, t -> t.shardFailure() == null ? t : t.withShardFailure(t.shardFailure().stopped(sync)));
        } catch (RuntimeException ignored) {
            // not noted (the table out of reach): the failed shard waits out its bound, nothing else depends on it
        }
    }

    /**
     * SYNCING; or, for a shard, FINISHING once the shards' verdict passed: the first shard that stopped moved the task
     * on, and a sibling's container started again after that still drains and stops.
     */
    private static boolean mayRun(MigrationTask task, SyncShard sync) {
        FinishBarrier barrier = task.finishBarrier();
        return task.status() == TaskStatus.SYNCING || task.status() == TaskStatus.FINISHING && !sync.whole()
                && barrier != null && barrier.hasPassed();
    }

    private final class StoreControl implements SyncRunner.Control {
        private final String taskId;
        private final SyncShard sync;
        private final Consumer<Progress> listener;
        /** The thread running the sync: interrupted, as SIGTERM does, to stop it without undoing anything. */
        private final Thread running;
        private final AtomicReference<ShardFailure> siblingFailure = new AtomicReference<>();

        StoreControl(String taskId, SyncShard sync, Consumer<Progress> listener, Thread running) {
            this.taskId = taskId;
            this.sync = sync;
            this.listener = listener;
            this.running = running;
        }

        @Override
        public DesiredState desired() {
            MigrationTask task = store.find(taskId).orElse(null);
            if (task == null) {
                return DesiredState.CANCEL;
            }
            ShardFailure failure = task.shardFailure();
            if (failure != null && failure.stops(sync) && siblingFailure.compareAndSet(null, failure)) {
                running.interrupt();
            }
            return task.desired();
        }

        @Override
        public boolean readyToStop(Progress drained) {
            MigrationTask task = store.find(taskId).orElseThrow();
            if (task.desired() == DesiredState.CANCEL) {
                return true;
            }
            if (!sync.whole() && task.syncs().size() > 1) {
                return new FinishTogether(store, gate, clock, this::refuse).readyToStop(task, sync, drained);
            }
            FinishGate.Verdict verdict = task.forcedFinish()
                    ? FinishGate.Verdict.passed("finish forced without verification")
                    : gate.check(task, drained);
            if (verdict.pass()) {
                return true;
            }
            refuse(verdict, drained, t -> true);
            return false;
        }

        /**
         * Puts the task back to RUN (when it still asks to finish, unforced, as {@code sameRequest} says) and shows
         * why as an event of this sync.
         */
        private void refuse(FinishGate.Verdict verdict, Progress drained, Predicate<MigrationTask> sameRequest) {
            store.update(taskId, t -> t.desired() == DesiredState.FINISH && !t.forcedFinish() && sameRequest.test(t)
                    ? t.withDesired(DesiredState.RUN, false, clock.instant()) : t);
            SyncEvent refused = new SyncEvent(clock.instant(), "finish-refused", verdict.summary()
                    + " (the sync goes on; finish again, or finish --force to accept the differences)");
            Progress withEvent = drained.withEvent(clock.instant(), refused);
            store.saveProgress(taskId, sync, withEvent);
            listener.accept(withEvent);
        }
    }
}
