package dev.redismigrate.container;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.TaskCallback;
import dev.redismigrate.aws.execution.TaskTokenCallback;
import dev.redismigrate.aws.execution.TaskTokenExpiredException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.RegrantTarget;
import dev.redismigrate.core.usecase.RunSync;
import dev.redismigrate.core.usecase.SiblingShardFailedException;
import dev.redismigrate.core.usecase.StopSiblings;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the sync container, from an iteration of the state machine's RunSync Map (the task's whole source, or one
 * shard of a cluster source) to its one answer: a fresh credential for that sync on the locked target
 * ({@link RegrantTarget}: the password lived only in the Lock step), then {@link RunSync} with that sync's progress to
 * the task table and a heartbeat every {@code heartbeatEvery} from its progress loop and its finish verification, and its progress as metrics
 * ({@link SyncMetrics}), then {@code SendTaskSuccess} (finished, after FINISHING; a shard's cancel too, stopped by
 * CANCEL) or {@code SendTaskFailure} (the whole source cancelled, or the sync gave up; a shard marks its failure on
 * the task first and waits until its siblings' syncs stopped on it, {@link StopSiblings}). A restarted container resumes from the checkpoint the engine keeps on the target.
 * The shards' containers of one task finish together (RunSync's finish barrier). Logs name the sync key.
 *
 * <p>Only one container of a sync runs at a time: before it regrants, the container takes its sync's lease (by sync
 * key, {@link LeaseKeeper}), waiting for the container of an earlier run to give it up or let it expire, and it stops
 * when it cannot keep the lease.
 *
 * <p>When the state no longer waits for this container (a heartbeat or the answer is refused: a successor took over,
 * or the execution ended) it stops at once and undoes nothing; so it does when its thread is interrupted (SIGTERM)
 * or it lost its lease, or a sibling shard failed.
 */
public final class SyncContainer {
    /** How the run ended; {@link #FAILED} and {@link #UNANSWERED} are errors of this container. */
    public enum Ending {
        FINISHED, CANCELLED, FAILED, SUPERSEDED, STOPPED,
        /** The answer could not be delivered: the state times out on its heartbeat and retries. */
        UNANSWERED
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyncContainer.class);
    /** Twelve attempts over about two to three and a half minutes: within the state's five-minute heartbeat. */
    private static final Retry ANSWERING = new Retry(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(20)), 12,
            Retry.Sleeper.REAL);

    private final LeaseKeeper lease;
    private final RegrantTarget regrant;
    private final CloudServices services;
    private final SyncRunner engine;
    private final Function<Runnable, FinishGate> gate;
    private final RecordOutcome outcome;
    private final StopSiblings stopSiblings;
    private final TaskCallback callback;
    private final Duration heartbeatEvery;
    private final SyncMetrics metrics;

    /**
     * @param gate the finish gate, given what to call on each step of its verification: the container's heartbeat,
     *             so a long verification keeps the state waiting (and a hung one does not)
     */
    public SyncContainer(CloudServices services, LeaseKeeper lease, SyncRunner engine,
                         Function<Runnable, FinishGate> gate, TaskCallback callback, Duration heartbeatEvery,
                         SyncMetrics metrics) {
        this.lease = lease;
        this.regrant = services.regrantTarget();
        this.services = services;
        this.engine = engine;
        this.gate = gate;
        this.outcome = services.recordOutcome();
        this.stopSiblings = new StopSiblings(services.store(), services.clock());
        this.callback = callback;
        this.heartbeatEvery = heartbeatEvery;
        this.metrics = metrics;
    }

    /**
     * Runs {@code shard} of {@code taskId} ({@link SyncShard#WHOLE} for the whole source) as its run {@code runId}, on
     * the calling thread (which SIGTERM interrupts).
     */
    public Ending run(String taskId, SyncShard shard, String runId) {
        String syncKey = shard.syncKey(taskId);
        SyncRunner.Result result;
        try {
            // At once: a container that starts after its state gave up must not take the target from a successor.
            callback.heartbeat();
            try (LeaseKeeper.Held held = lease.take(syncKey, runId, Thread.currentThread())) {
                // Again after the wait for the lease: the state's heartbeat clock ran meanwhile, and it may have gone.
                callback.heartbeat();
                result = syncHolding(held, taskId, shard);
            }
        } catch (TaskTokenExpiredException | LeaseKeeper.LeaseLostException | SiblingShardFailedException e) {
            return superseded(syncKey, e.getMessage());
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.info("task {}: stopped from outside; the next container resumes from the checkpoint", syncKey);
                return Ending.STOPPED;
            }
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.error("task {}: the sync failed: {}", syncKey, cause);
            markFailed(taskId, shard);
            return answer(syncKey, Ending.FAILED, () -> callback.fail(TaskTokenCallback.SYNC_FAILED, cause));
        }
        if (result.stoppedBy() == DesiredState.CANCEL) {
            // A shard reports its cancel as its result (stopped by CANCEL): failing its iteration would fail the Map,
            // and the sibling shards still stopping would be refused by their tokens before they had removed their
            // checkpoints from the target. The Map ends once every shard has; RecordOutcome records CANCELLED.
            Runnable cancelled = shard.whole() ? () -> callback.fail(TaskTokenCallback.CANCELLED, "cancelled by a person")
                    : () -> callback.succeed(result);
            return answer(syncKey, Ending.CANCELLED, cancelled);
        }
        try {
            // the first of a task's shards to stop moves it on; its siblings stop on the same verdict
            outcome.finishing(taskId);
        } catch (RuntimeException e) {
            LOG.warn("task {}: could not mark it FINISHING ({}); RecordOutcome does", syncKey, e.getMessage());
        }
        return answer(syncKey, Ending.FINISHED, () -> callback.succeed(result));
    }

    /** Before the failure is answered: the Map's cleanup follows it, and the sibling shards must stop before. */
    private void markFailed(String taskId, SyncShard shard) {
        try {
            if (!stopSiblings.afterFailureOf(taskId, shard)) {
                LOG.warn("task {}: not every sibling shard stopped on this failure in time; answering it anyway",
                        shard.syncKey(taskId));
            }
        } catch (RuntimeException e) {
            LOG.warn("task {}: could not mark the shard failed ({}); its siblings stop when their state is refused",
                    shard.syncKey(taskId), e.getMessage());
        }
    }

    /** Regrant and sync while this run holds the lease; a sync that ended because the lease was lost says so. */
    private SyncRunner.Result syncHolding(LeaseKeeper.Held held, String taskId, SyncShard shard) {
        try {
            TargetLock.Grant grant = regrant.regrant(taskId, shard);
            Heartbeat heartbeat = new Heartbeat(callback, heartbeatEvery, System::nanoTime, shard.syncKey(taskId));
            RunSync runSync = new RunSync(services.store(), engine, gate.apply(heartbeat::beatIfDue), services.clock());
            SyncRunner.Result result = runSync.run(taskId, shard, grant.writer(),
                    new ProgressReports(taskId, shard, heartbeat));
            held.ensureHeld();
            return result;
        } catch (RuntimeException e) {
            held.ensureHeld();
            throw e;
        }
    }

    private static Ending superseded(String syncKey, String why) {
        LOG.warn("task {}: {}; stopping without undoing anything", syncKey, why);
        return Ending.SUPERSEDED;
    }

    /**
     * The one answer, tried again for a while when it cannot be delivered (a network failure): a finished sync whose
     * success is lost would otherwise be run again by a successor that finds nothing left to sync.
     */
    private Ending answer(String syncKey, Ending ending, Runnable call) {
        try {
            ANSWERING.withListener((failure, failures, pause) -> LOG.warn("task {}: could not report {} ({}); trying"
                    + " again in {} s", syncKey, ending, failure.getMessage(), pause.toSeconds()))
                    .run(failure -> !(failure instanceof TaskTokenExpiredException), call);
            LOG.info("task {}: {}", syncKey, ending);
            return ending;
        } catch (TaskTokenExpiredException e) {
            return superseded(syncKey, e.getMessage());
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return Ending.STOPPED;
            }
            LOG.error("task {}: could not report {} ({}); the state times out and a successor takes over", syncKey,
                    ending, e.getMessage());
            return Ending.UNANSWERED;
        }
    }

    /** Metrics, and the heartbeat from the engine's progress loop ({@link Heartbeat}). */
    private final class ProgressReports implements Consumer<Progress> {
        private final String taskId;
        private final SyncShard shard;
        private final Heartbeat heartbeat;

        ProgressReports(String taskId, SyncShard shard, Heartbeat heartbeat) {
            this.taskId = taskId;
            this.shard = shard;
            this.heartbeat = heartbeat;
        }

        @Override
        public void accept(Progress progress) {
            metrics.report(taskId, shard, progress);
            if (heartbeat.beatIfDue()) {
                LOG.info("task {}: {} offset {} applied {} lag {} bytes", shard.syncKey(taskId), progress.phase(),
                        progress.sourceOffset(), progress.appliedOffset(), progress.lagBytes());
            }
        }
    }
}
