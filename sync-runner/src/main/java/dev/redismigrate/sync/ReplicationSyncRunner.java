package dev.redismigrate.sync;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.RedisConnectException;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.snapshot.SnapshotReader;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.spool.Spool;
import dev.redismigrate.sync.status.ProgressSampler;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.writer.SyncTarget;
import dev.redismigrate.sync.writer.TargetConnections;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine behind {@link SyncRunner}: a replica of the source applied onto a standalone or cluster target (as
 * the target endpoint answers: {@link SyncSides#DETECTED}) until a person finishes or cancels. See docs/sync-engine.md
 * for the design.
 *
 * <pre>
 *   SyncRunner runner = new ReplicationSyncRunner(new LocalSecretResolver());
 *   Result result = runner.run(new Request(taskId, source, target), control, progress -&gt; store.save(progress));
 * </pre>
 * Reconnects (with backoff, {@link Retry#forDuration}) by starting a new session that resumes from the checkpoint on
 * the target; gives up with {@link SyncFailedException} after {@link SyncSettings#giveUpAfter()} of failures in a row,
 * or at once for a failure whose {@link SyncFailure.Kind} no new session cures.
 */
public final class ReplicationSyncRunner implements SyncRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationSyncRunner.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(2);

    private final SecretResolver secrets;
    private final SyncSettings settings;
    private final SyncSides sides;

    public ReplicationSyncRunner(SecretResolver secrets) {
        this(secrets, SyncSettings.defaults());
    }

    public ReplicationSyncRunner(SecretResolver secrets, SyncSettings settings) {
        this(secrets, settings, SyncSides.DETECTED);
    }

    public ReplicationSyncRunner(SecretResolver secrets, SyncSettings settings, SyncSides sides) {
        this.secrets = secrets;
        this.settings = settings;
        this.sides = sides;
        SnapshotReader.prepareInBackground();
    }

    @Override
    public Result run(Request request, Control control, Consumer<Progress> progress) {
        Supplier<RespConnection> source = connector(request.source(), password(request.source(), "source"),
                SyncFailure.Side.SOURCE, READ_TIMEOUT);
        SyncSource.Connector sources = sides.sources(source);
        SyncTarget.Connector targets = sides.targets(target(request.target(), READ_TIMEOUT));
        SyncState state = new SyncState();
        Instant started = Instant.now();
        Spool spool = new Spool(settings.spoolDir().resolve(request.taskId().replaceAll("[^A-Za-z0-9._-]", "_")));
        // Reports must keep coming (and CANCEL be heard) while a server stalls: the sampler waits briefly.
        ProgressSampler sampler0 = new ProgressSampler(state,
                connector(request.source(), password(request.source(), "source"), SyncFailure.Side.SOURCE,
                        SAMPLE_TIMEOUT),
                sides.targetKeyspace(target(request.target(), SAMPLE_TIMEOUT), request.taskId(), state));
        try (ProgressSampler sampler = sampler0) {
            ReconnectWait wait = new ReconnectWait(control, state, sampler, progress);
            Retry reconnecting = Retry.forDuration(Backoff.RECONNECT, settings.giveUpAfter(), wait, System::nanoTime)
                    .withListener((failure, failures, pause) -> {
                        String reason = RespConnection.oneLine(failure);
                        state.event("reconnect", reason);
                        LOG.warn("sync of task {} interrupted ({}); reconnecting", request.taskId(), reason);
                    });
            try {
                return reconnecting.callWithProgress(ReplicationSyncRunner::retryable, attempt -> {
                    if (wait.cancelled) {
                        targets.removeCheckpoint(request.taskId());
                        return new Result(DesiredState.CANCEL, summary(state, sampler.sample(), started));
                    }
                    return session(request, control, progress, sampler, state, sources, targets, spool, started,
                            attempt);
                });
            } catch (SyncFailure failure) {
                throw failed(failure, state);
            }
        }
    }

    /** One session, from connecting to its end; a session that got somewhere before it failed says so. */
    private Result session(Request request, Control control, Consumer<Progress> progress, ProgressSampler sampler,
                           SyncState state, SyncSource.Connector sources, SyncTarget.Connector targets, Spool spool,
                           Instant started, Retry.Attempt attempt) {
        long sessionStart = System.nanoTime();
        long appliedBefore = state.appliedOffset;
        try (SyncSession session = new SyncSession(request.taskId(), state, settings, sources, targets, spool,
                request.resumed())) {
            session.start();
            LOG.info("sync of task {} started: {} -> {}", request.taskId(), request.source().display(),
                    request.target().display());
            return supervise(session, sampler, state, control, progress, targets, request.taskId(), started);
        } catch (Throwable e) {
            if (state.appliedOffset > appliedBefore
                    || System.nanoTime() - sessionStart > Duration.ofMinutes(1).toNanos()) {
                attempt.progressed();
            }
            throw SyncFailure.of(e);
        }
    }

    private static boolean retryable(RuntimeException e) {
        return e instanceof SyncFailure failure && failure.kind().retryable();
    }

    /** The one-line failure of the sync: a failure no retry can cure, an interrupt, or reconnecting gave up. */
    private SyncFailedException failed(SyncFailure failure, SyncState state) {
        String reason = RespConnection.oneLine(failure);
        if (!failure.kind().retryable()) {
            return new SyncFailedException(reason + lostUserHint(failure, state), failure);
        }
        if (Thread.currentThread().isInterrupted()) {
            return new SyncFailedException("sync interrupted", failure);
        }
        return new SyncFailedException("sync gave up after " + settings.giveUpAfter().toSeconds()
                + " s of failures: " + reason, failure);
    }

    private Result supervise(SyncSession session, ProgressSampler sampler, SyncState state, Control control,
                             Consumer<Progress> progress, SyncTarget.Connector targets, String taskId,
                             Instant started) throws Throwable {
        while (true) {
            long seen = state.changes();
            session.checkHealthy();
            session.refreshSnapshotCounters();
            Progress sample = sampler.sample();
            if (sample.phase() == SyncPhase.INCREMENTAL || sample.phase() == SyncPhase.DRAINING) {
                session.restoreTtlsOnceCaughtUp(sample.lagBytes());
            }
            progress.accept(sample);
            DesiredState desired = control.desired();
            if (desired == DesiredState.CANCEL) {
                session.stop(false);
                targets.removeCheckpoint(taskId);
                return stopped(DesiredState.CANCEL, state, sampler, progress, started);
            }
            if (desired == DesiredState.FINISH) {
                if (state.phase == SyncPhase.INCREMENTAL) {
                    state.phase = SyncPhase.DRAINING;
                    sample = sampler.sample();
                    progress.accept(sample);
                }
                if (state.phase == SyncPhase.DRAINING && sample.lagBytes() == 0 && state.ttlsRestored) {
                    if (control.readyToStop(sample)) {
                        session.stop(true);
                        session.checkHealthy();
                        targets.removeCheckpoint(taskId);
                        return stopped(DesiredState.FINISH, state, sampler, progress, started);
                    }
                } else {
                    awaitChange(state, seen, DRAIN_POLL);
                    continue;
                }
            } else if (state.phase == SyncPhase.DRAINING) {
                state.phase = SyncPhase.INCREMENTAL;
            }
            awaitChange(state, seen, settings.reportEvery());
        }
    }

    private Result stopped(DesiredState by, SyncState state, ProgressSampler sampler, Consumer<Progress> progress,
                           Instant started) {
        state.phase = SyncPhase.STOPPED;
        Progress last = sampler.sample();
        progress.accept(last);
        LOG.info("sync stopped by {}: {} keys from the snapshot, offset {} applied", by, state.keysApplied.get(),
                state.appliedOffset);
        return new Result(by, summary(state, last, started));
    }

    private static TaskSummary summary(SyncState state, Progress last, Instant started) {
        long streamBytes = state.receivedOffset >= 0 && state.baseOffset >= 0
                ? Math.max(0, state.receivedOffset - state.baseOffset) : 0;
        return new TaskSummary(state.keysApplied.get(), state.snapshotBytesReceived + streamBytes,
                Duration.between(started, Instant.now()).toSeconds(), last.sourceKeys(), last.targetKeys());
    }

    /**
     * The pause between sessions, which still reports progress and hears a cancel: then it ends at once, and the next
     * attempt returns the cancelled result instead of connecting.
     */
    private final class ReconnectWait implements Retry.Sleeper {
        private final Control control;
        private final SyncState state;
        private final ProgressSampler sampler;
        private final Consumer<Progress> progress;
        private volatile boolean cancelled;

        ReconnectWait(Control control, SyncState state, ProgressSampler sampler, Consumer<Progress> progress) {
            this.control = control;
            this.state = state;
            this.sampler = sampler;
            this.progress = progress;
        }

        @Override
        public void sleep(Duration pause) throws InterruptedException {
            long deadline = System.nanoTime() + pause.toNanos();
            state.phase = SyncPhase.CONNECTING;
            do {
                progress.accept(sampler.sample());
                if (control.desired() == DesiredState.CANCEL) {
                    cancelled = true;
                    return;
                }
                Thread.sleep(Math.min(settings.reportEvery().toMillis(),
                        Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } while (System.nanoTime() < deadline);
        }
    }

    /** Connections to one side; a failure to connect is typed with that side. */
    private Supplier<RespConnection> connector(RedisEndpoint endpoint, Optional<String> password, SyncFailure.Side side,
                                               Duration timeout) {
        return () -> {
            try {
                return RespConnection.open(endpoint, password, settings.connectTimeout(), timeout);
            } catch (RedisConnectException e) {
                throw new SyncFailure(side, e.credentialsRefused() ? SyncFailure.Kind.CREDENTIALS_REFUSED
                        : SyncFailure.Kind.CONNECTION, e.getMessage(), e);
            }
        };
    }

    /** Connections to the target endpoint, and to the other nodes of a cluster with its credentials and TLS. */
    private TargetConnections target(RedisEndpoint endpoint, Duration timeout) {
        Optional<String> password = password(endpoint, "target");
        return new TargetConnections(endpoint.host(), connector(endpoint, password, SyncFailure.Side.TARGET, timeout),
                node -> connector(new RedisEndpoint(node.host(), node.port(), endpoint.tls(), endpoint.username(),
                        endpoint.password()), password, SyncFailure.Side.TARGET, timeout).get());
    }

    private Optional<String> password(RedisEndpoint endpoint, String role) {
        try {
            return secrets.resolve(endpoint.password());
        } catch (SecretUnavailableException e) {
            throw new SyncFailedException("cannot read the " + role + " password: " + e.getMessage(), e);
        }
    }

    /**
     * The target refusing credentials it accepted earlier in this run has most likely restarted: the lock's migration
     * user (kept in memory only) is gone, and without persistence the data too.
     */
    private static String lostUserHint(SyncFailure failure, SyncState state) {
        boolean targetRefused = failure.side() == SyncFailure.Side.TARGET
                && failure.kind() == SyncFailure.Kind.CREDENTIALS_REFUSED;
        return targetRefused && state.targetRunId != null
                ? " (it accepted them earlier: the target most likely restarted, which loses the lock's migration"
                        + " user, and without persistence the data too; resuming the task locks the target again and"
                        + " continues from its checkpoint, or copies everything anew if the data is gone)"
                : "";
    }

    /** Sleeps until the next report, or less when the session changed since {@code seen}. */
    private static void awaitChange(SyncState state, long seen, Duration max) {
        try {
            state.awaitChange(seen, Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("sync interrupted", e);
        }
    }
}
