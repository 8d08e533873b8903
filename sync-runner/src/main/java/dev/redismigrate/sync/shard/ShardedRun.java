package dev.redismigrate.sync.shard;

import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.ProgressTotal;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.sync.ReplicationSyncRunner;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.status.Changes;
import dev.redismigrate.sync.status.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run over a cluster source: a {@link ReplicationSyncRunner} per primary shard synced (every shard, or the one a
 * request names: the cloud runs a container per shard) on a thread of its own, steered by this thread, which reports
 * their total ({@link ProgressTotal}) once a second, each shard's own report beside it when it runs several (the caller
 * saves them as one container per shard saves its own), passes FINISH and CANCEL on to every shard, and watches the
 * source's layout.
 *
 * <ul>
 *   <li>Each shard's checkpoint is {@code <task>/<shard id>} (its first slot range), so a restarted run finds every
 *       shard's own and resumes each where it stood, whether it runs the shard alone or beside the others.</li>
 *   <li>FINISH: each shard drains on its own; the person's gate ({@link SyncRunner.Control#readyToStop}) is asked with
 *       the total once every shard has drained, and once it agrees each shard stops at its next moment without lag.
 *       CANCEL stops every shard. The checkpoints are removed once every shard has stopped ({@link HeldCheckpoints}).
 *   </li>
 *   <li>A shard that fails for good (or a change of the source's layout) stops the others as a killed process would
 *       (their checkpoints stay, a resumed task continues from them), then fails the run naming the shard.</li>
 * </ul>
 */
final class ShardedRun {
    private static final Logger LOG = LoggerFactory.getLogger(ShardedRun.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final SyncRunner.Request request;
    private final SourceLayout layout;
    private final List<SourceShard> synced;
    private final SyncSettings settings;
    private final Function<ClusterNode, RespConnection> connect;
    private final List<Shard> shards;
    private final HeldCheckpoints checkpoints = new HeldCheckpoints();
    /** A shard ended, asked to stop or had an event: the loop's next round comes at once. */
    private final Changes changes = new Changes();
    private volatile DesiredState desired = DesiredState.RUN;
    private volatile boolean stopAgreed;
    /** The shards' events not reported yet: each gets a report of its own, so none hides another. */
    private final Queue<SyncEvent> events = new ConcurrentLinkedQueue<>();
    private SyncEvent lastEvent;
    private SyncEvent lastResume;

    /**
     * @param synced        the shards of {@code layout} this run syncs
     * @param clusterTarget the target is a Redis Cluster node
     * @param connect       a connection to one node of the source (for the layout checks)
     */
    ShardedRun(SyncRunner.Request request, SourceLayout layout, List<SourceShard> synced, boolean clusterTarget,
               SecretResolver secrets, SyncSettings settings, Function<ClusterNode, RespConnection> connect) {
        this.request = request;
        this.layout = layout;
        this.synced = synced;
        this.settings = settings;
        this.connect = connect;
        // every shard's checkpoint, those of shards synced elsewhere too, stays out of the target's key counts
        List<String> ids = layout.shards().stream().map(this::checkpointId).toList();
        Map<String, SyncState> states = new ConcurrentHashMap<>();
        this.shards = synced.stream().map(shard -> new Shard(shard, new ReplicationSyncRunner(secrets, settings,
                new ShardSides(shard, checkpointId(shard), ids, clusterTarget, states, checkpoints)))).toList();
    }

    private String checkpointId(SourceShard shard) {
        return request.taskId() + "/" + shard.id();
    }

    /** @param shardProgress each shard's own report, once a report, when this run syncs several shards */
    SyncRunner.Result run(SyncRunner.Control control, Consumer<Progress> progress,
                          BiConsumer<SyncShard, Progress> shardProgress) {
        Instant started = Instant.now();
        desired = control.desired();
        LOG.info("sync of task {}: the source is a cluster of {} primaries; one sync per shard, here: {}",
                request.taskId(), layout.shards().size(), synced);
        shards.forEach(Shard::start);
        long layoutCheckedAt = System.nanoTime();
        try {
            while (true) {
                long seen = changes.seen();
                for (Shard shard : shards) {
                    if (shard.failure != null) {
                        throw abort("shard " + shard.source + ": " + shard.failure.getMessage(), shard.failure);
                    }
                }
                reportEvents(progress);
                reportShards(shardProgress);
                Progress total = total();
                progress.accept(total);
                if (shards.stream().allMatch(shard -> shard.result != null)) {
                    return result(total, started);
                }
                if (System.nanoTime() - layoutCheckedAt >= settings.reportEvery().toNanos()) {
                    layoutCheckedAt = System.nanoTime();
                    failIfTheLayoutChanged();
                }
                desired = control.desired();
                if (desired == DesiredState.FINISH && !stopAgreed && everyShardDrained(total)) {
                    stopAgreed = control.readyToStop(total);
                }
                changes.await(seen, settings.reportEvery().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort("sync interrupted", e);
        } catch (RuntimeException e) {
            // Stopped already when the run failed itself; when the caller gave up (a progress consumer or the control
            // threw, e.g. a refused heartbeat), its shards must stop too, or they would go on writing unwatched.
            stopShards();
            throw e;
        }
    }

    /** Not while the shards stop: a change then no longer matters. */
    private void failIfTheLayoutChanged() {
        if (desired == DesiredState.CANCEL || stopAgreed) {
            return;
        }
        Optional<String> change = layout.change(connect, synced);
        if (change.isPresent()) {
            throw abort("the source cluster changed during the migration (" + change.get() + ": a failover or a"
                    + " reshard); each shard is replicated from the primary that served it at the start, so the sync"
                    + " stops here, every shard's checkpoint kept on the target. After a failover, resume the task once"
                    + " the cluster is stable: each shard continues from its checkpoint at its new primary (or copies"
                    + " its slots again). After a reshard, cancel the task and migrate again: keys that moved between"
                    + " shards cannot be continued safely", null);
        }
    }

    private void reportEvents(Consumer<Progress> progress) {
        for (SyncEvent event = events.poll(); event != null; event = events.poll()) {
            lastEvent = event;
            if (ShardProgress.isResume(event)) {
                lastResume = event;
            }
            progress.accept(total());
        }
    }

    /** Each shard's report as a run of that shard alone makes it (its events naming it), the total's parts. */
    private void reportShards(BiConsumer<SyncShard, Progress> shardProgress) {
        if (shards.size() > 1) {
            Instant now = Instant.now();
            shards.stream().filter(shard -> shard.latest != null).forEach(shard -> shardProgress.accept(
                    shard.source.sync(), ProgressTotal.of(List.of(shard.latest), now, shard.event, shard.resume)));
        }
    }

    private Progress total() {
        return ProgressTotal.of(shards.stream().map(shard -> shard.latest).toList(), Instant.now(), lastEvent, lastResume);
    }

    /**
     * Every shard asked to stop after draining within the last two reports, and none lags now: the moment for the
     * person's gate.
     */
    private boolean everyShardDrained(Progress total) {
        long recent = System.nanoTime() - 2 * Math.max(settings.reportEvery().toNanos(), 500_000_000L);
        return total.lagBytes() == 0 && shards.stream().allMatch(shard -> shard.result != null
                || shard.readyAtNanos != 0 && shard.readyAtNanos - recent > 0);
    }

    private SyncRunner.Result result(Progress last, Instant started) {
        boolean finished = shards.stream().allMatch(shard -> shard.result.stoppedBy() == DesiredState.FINISH);
        long keys = shards.stream().mapToLong(shard -> shard.result.summary().keysApplied()).sum();
        long bytes = shards.stream().mapToLong(shard -> shard.result.summary().bytesReceived()).sum();
        shards.forEach(shard -> LOG.info("shard {} stopped by {}: {} keys applied, offset {} applied",
                shard.source, shard.result.stoppedBy(), shard.result.summary().keysApplied(),
                shard.latest == null ? -1 : shard.latest.appliedOffset()));
        checkpoints.removeAll();
        return new SyncRunner.Result(finished ? DesiredState.FINISH : DesiredState.CANCEL, new TaskSummary(keys, bytes,
                Duration.between(started, Instant.now()).toSeconds(), last.sourceKeys(), last.targetKeys()));
    }

    /** Stops every shard still running (interrupted: their checkpoints stay) and returns the run's failure. */
    private SyncFailedException abort(String message, Throwable cause) {
        LOG.warn("sync of task {} stops every shard: {}", request.taskId(), message);
        stopShards();
        return new SyncFailedException(message, cause);
    }

    /** Interrupts every shard still running (their checkpoints stay) and waits a while for them to end. */
    private void stopShards() {
        shards.forEach(Shard::interrupt);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Shard shard : shards) {
            shard.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    /** One shard's sync: its thread, what it reported last, and the control it is steered by. */
    private final class Shard implements SyncRunner.Control {
        private final SourceShard source;
        private final ReplicationSyncRunner runner;
        private Thread thread;
        private volatile Progress latest;
        private volatile SyncRunner.Result result;
        private volatile RuntimeException failure;
        private volatile long readyAtNanos;
        private SyncPhase phaseSeen;
        private SyncEvent eventSeen;
        /** The shard's last event and last resume or resync, naming the shard. */
        private volatile SyncEvent event;
        private volatile SyncEvent resume;

        Shard(SourceShard source, ReplicationSyncRunner runner) {
            this.source = source;
            this.runner = runner;
        }

        void start() {
            SyncRunner.Request own = new SyncRunner.Request(checkpointId(source),
                    SourceLayout.endpoint(request.source(), source.primary()), request.target(), request.resumed());
            thread = new Thread(() -> {
                try {
                    result = runner.run(own, this, this::report);
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    changes.changed();
                }
            }, "shard-" + source.id() + "-" + request.taskId());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public DesiredState desired() {
            return desired;
        }

        @Override
        public boolean readyToStop(Progress drained) {
            readyAtNanos = System.nanoTime();
            changes.changed();
            return stopAgreed;
        }

        /** Keeps the shard's report for the total; its phase changes go to the log, its events to the task's. */
        private void report(Progress progress) {
            latest = progress;
            if (progress.phase() != phaseSeen) {
                phaseSeen = progress.phase();
                LOG.info("shard {}: {}, offset {} applied of {}", source, progress.phase(), progress.appliedOffset(),
                        progress.sourceOffset());
            }
            if (ShardProgress.isNew(progress.lastEvent(), eventSeen)) {
                eventSeen = progress.lastEvent();
                event = ShardProgress.ofShard(source, eventSeen);
                if (ShardProgress.isResume(event)) {
                    resume = event;
                }
                events.add(event);
                changes.changed();
            }
        }

        void interrupt() {
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }

        void join(long millis) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
