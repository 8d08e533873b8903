package dev.redismigrate.sync;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.sync.resp.RedisConnectException;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.snapshot.SnapshotReader;
import dev.redismigrate.sync.spool.Spool;
import dev.redismigrate.sync.status.ProgressSampler;
import dev.redismigrate.sync.status.SyncState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine behind {@link SyncRunner}: a replica of the source applied onto a standalone target until a person
 * finishes or cancels. See docs/sync-engine.md for the design.
 *
 * <pre>
 *   SyncRunner runner = new ReplicationSyncRunner(new LocalSecretResolver());
 *   Result result = runner.run(new Request(taskId, source, target), control, progress -&gt; store.save(progress));
 * </pre>
 * Reconnects (with backoff) by starting a new session that resumes from the checkpoint on the target; gives up with
 * {@link SyncFailedException} after {@link SyncSettings#giveUpAfter()} of failures in a row.
 */
public final class ReplicationSyncRunner implements SyncRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationSyncRunner.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(2);

    private final SecretResolver secrets;
    private final SyncSettings settings;

    public ReplicationSyncRunner(SecretResolver secrets) {
        this(secrets, SyncSettings.defaults());
    }

    public ReplicationSyncRunner(SecretResolver secrets, SyncSettings settings) {
        this.secrets = secrets;
        this.settings = settings;
        SnapshotReader.prepareInBackground();
    }

    @Override
    public Result run(Request request, Control control, Consumer<Progress> progress) {
        Supplier<RespConnection> source = connector(request.source(), password(request.source(), "source"));
        Supplier<RespConnection> target = connector(request.target(), password(request.target(), "target"));
        SyncState state = new SyncState();
        Instant started = Instant.now();
        Spool spool = new Spool(settings.spoolDir().resolve(request.taskId().replaceAll("[^A-Za-z0-9._-]", "_")));
        long failingSince = -1;
        int attempt = 0;
        // Reports must keep coming (and CANCEL be heard) while a server stalls: the sampler waits briefly.
        ProgressSampler sampler0 = new ProgressSampler(state,
                connector(request.source(), password(request.source(), "source"), SAMPLE_TIMEOUT),
                connector(request.target(), password(request.target(), "target"), SAMPLE_TIMEOUT), request.taskId());
        try (ProgressSampler sampler = sampler0) {
            while (true) {
                long sessionStart = System.nanoTime();
                long appliedBefore = state.appliedOffset;
                try (SyncSession session = new SyncSession(request.taskId(), state, settings, source, target, spool,
                        request.resumed())) {
                    session.start();
                    LOG.info("sync of task {} started: {} -> {}", request.taskId(), request.source().display(),
                            request.target().display());
                    return supervise(session, sampler, state, control, progress, target, request.taskId(), started);
                } catch (FatalSyncException e) {
                    throw new SyncFailedException(e.getMessage(), e);
                } catch (Throwable e) {
                    String reason = oneLine(e);
                    if (isFatal(e)) {
                        throw new SyncFailedException(reason + lostUserHint(e, request, state), e);
                    }
                    boolean progressed = state.appliedOffset > appliedBefore
                            || System.nanoTime() - sessionStart > Duration.ofMinutes(1).toNanos();
                    if (failingSince < 0 || progressed) {
                        failingSince = System.nanoTime();
                        attempt = 0;
                    }
                    if (System.nanoTime() - failingSince > settings.giveUpAfter().toNanos()) {
                        throw new SyncFailedException("sync gave up after " + settings.giveUpAfter().toSeconds()
                                + " s of failures: " + reason, e);
                    }
                    state.event("reconnect", reason);
                    LOG.warn("sync of task {} interrupted ({}); reconnecting", request.taskId(), reason);
                    Duration pause = backoff(attempt++, ThreadLocalRandom.current().nextDouble());
                    if (waitOrCancel(pause, control, state, sampler, progress)) {
                        deleteCheckpoint(target, request.taskId());
                        return new Result(DesiredState.CANCEL, summary(state, sampler.sample(), started));
                    }
                }
            }
        }
    }

    private Result supervise(SyncSession session, ProgressSampler sampler, SyncState state, Control control,
                             Consumer<Progress> progress, Supplier<RespConnection> target, String taskId,
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
                deleteCheckpoint(target, taskId);
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
                        deleteCheckpoint(target, taskId);
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

    /** Sleeps the backoff, still reporting and answering a cancel; true when cancelled. */
    private boolean waitOrCancel(Duration backoff, Control control, SyncState state, ProgressSampler sampler,
                                 Consumer<Progress> progress) {
        long deadline = System.nanoTime() + backoff.toNanos();
        state.phase = SyncPhase.CONNECTING;
        do {
            progress.accept(sampler.sample());
            if (control.desired() == DesiredState.CANCEL) {
                return true;
            }
            sleep(Duration.ofMillis(Math.min(settings.reportEvery().toMillis(),
                    Math.max(1, (deadline - System.nanoTime()) / 1_000_000))));
        } while (System.nanoTime() < deadline);
        return false;
    }

    private void deleteCheckpoint(Supplier<RespConnection> target, String taskId) {
        try (RespConnection connection = target.get()) {
            connection.callOk("SELECT", Integer.toString(CheckpointKey.DB));
            connection.callOk("DEL", CheckpointKey.forTask(taskId));
        } catch (RuntimeException | IOException e) {
            LOG.warn("could not remove the checkpoint key {} from the target: {}", CheckpointKey.forTask(taskId),
                    oneLine(e));
        }
    }

    private Supplier<RespConnection> connector(RedisEndpoint endpoint, Optional<String> password) {
        return connector(endpoint, password, READ_TIMEOUT);
    }

    private Supplier<RespConnection> connector(RedisEndpoint endpoint, Optional<String> password, Duration timeout) {
        return () -> RespConnection.open(endpoint, password, settings.connectTimeout(), timeout);
    }

    private Optional<String> password(RedisEndpoint endpoint, String role) {
        try {
            return secrets.resolve(endpoint.password());
        } catch (SecretUnavailableException e) {
            throw new SyncFailedException("cannot read the " + role + " password: " + e.getMessage(), e);
        }
    }

    private static boolean isFatal(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return e instanceof RedisConnectException && message.contains("refused the credentials")
                || message.startsWith("target rejected")
                || message.contains("NOPERM");
    }

    /** {@link Backoff#RECONNECT}: 0.5 s doubling up to 30 s, with jitter. */
    static Duration backoff(int attempt, double jitter) {
        return Backoff.RECONNECT.delay(attempt, jitter);
    }

    /**
     * The target refusing credentials it accepted earlier in this run has most likely restarted: the lock's migration
     * user (kept in memory only) is gone, and without persistence the data too.
     */
    private static String lostUserHint(Throwable e, Request request, SyncState state) {
        boolean targetRefused = e instanceof RedisConnectException && String.valueOf(e.getMessage())
                .startsWith(request.target().display() + " refused the credentials");
        return targetRefused && state.targetRunId != null
                ? " (it accepted them earlier: the target most likely restarted, which loses the lock's migration"
                        + " user, and without persistence the data too; resuming the task locks the target again and"
                        + " continues from its checkpoint, or copies everything anew if the data is gone)"
                : "";
    }

    private static String oneLine(Throwable e) {
        String message = RespConnection.describe(e);
        return message.replaceAll("[\\r\\n]+", " ");
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("sync interrupted", e);
        }
    }
}
