package dev.redismigrate.sync.shard;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.sync.ReplicationSyncRunner;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RedisConnectException;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync of any source: a standalone (or master-replica) source is one {@link ReplicationSyncRunner}; a Redis Cluster
 * source, found from any of its nodes, is one replication sync per primary shard, run side by side in this process
 * ({@link ShardedRun}), each with its own link, offsets and checkpoint, reported per shard and in total, finished or
 * cancelled together. A request for one shard ({@link Request#shard()}: the cloud runs a container per shard) runs
 * that shard only, at the primary that serves its slots now. See docs/sync-engine.md, "Cluster source".
 */
public final class ShardedSyncRunner implements SyncRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ShardedSyncRunner.class);
    /** Reading the source's layout: a node that does not answer within this is treated as not answering. */
    static final Duration LAYOUT_TIMEOUT = Duration.ofSeconds(5);

    private final SecretResolver secrets;
    private final SyncSettings settings;

    public ShardedSyncRunner(SecretResolver secrets, SyncSettings settings) {
        this.secrets = secrets;
        this.settings = settings;
    }

    @Override
    public Result run(Request request, Control control, Consumer<Progress> progress) {
        return run(request, control, progress, (shard, report) -> { });
    }

    @Override
    public Result run(Request request, Control control, Consumer<Progress> progress,
                      BiConsumer<SyncShard, Progress> shardProgress) {
        Instant started = Instant.now();
        Optional<String> password = password(request.source(), "source");
        CancelHeard waiting = new CancelHeard(control);
        try {
            Optional<SourceLayout> layout = layout(request.source(), password, waiting);
            if (layout.isEmpty()) {
                if (!request.shard().whole()) {
                    throw new SyncFailedException("the sync of shard " + request.shard().id() + " needs a Redis Cluster"
                            + " source, but " + request.source().display() + " is not a cluster node now (INFO cluster:"
                            + " cluster_enabled is not 1); validate the task again: a source that is not a cluster is"
                            + " synced whole", null);
                }
                return new ReplicationSyncRunner(secrets, settings).run(request, control, progress);
            }
            List<SourceShard> synced = request.shard().whole() ? layout.get().shards()
                    : List.of(layout.get().shard(request.shard()));
            return new ShardedRun(request, layout.get(), synced, clusterTarget(request.target(), waiting), secrets,
                    settings, node -> RespConnection.open(SourceLayout.endpoint(request.source(), node), password,
                            settings.connectTimeout(), LAYOUT_TIMEOUT)).run(control, progress, shardProgress);
        } catch (CancelledBeforeStart e) {
            // no shard has started: whatever an earlier run left on the target (its checkpoints) stays as it is
            LOG.info("sync of task {} cancelled while waiting for a server before it started", request.taskId());
            return new Result(DesiredState.CANCEL, new TaskSummary(0, 0,
                    Duration.between(started, Instant.now()).toSeconds(), Map.of(), Map.of()));
        }
    }

    private Optional<SourceLayout> layout(RedisEndpoint source, Optional<String> password, CancelHeard waiting) {
        return asking("cannot read the source's cluster layout", source, password, waiting,
                connection -> SourceLayout.read(connection, source.host()));
    }

    /** Whether the target endpoint is a Redis Cluster node ({@code cluster_enabled:1}). */
    private boolean clusterTarget(RedisEndpoint target, CancelHeard waiting) {
        return asking("cannot tell whether the target is a Redis Cluster node", target, password(target, "target"),
                waiting, connection -> "1".equals(Info.of(connection, "cluster").get("cluster_enabled")));
    }

    private interface Question<T> {
        T ask(RespConnection connection) throws IOException;
    }

    /**
     * One question to a server before the syncs start. A server that cannot be reached is asked again as a lost link
     * is (backoff, for {@link SyncSettings#giveUpAfter()}), and a CANCEL heard meanwhile ends the wait
     * ({@link CancelledBeforeStart}); refused credentials and any other answer end the run.
     */
    private <T> T asking(String failure, RedisEndpoint endpoint, Optional<String> password, CancelHeard waiting,
                         Question<T> question) {
        try {
            return Retry.forDuration(Backoff.RECONNECT, settings.giveUpAfter(), waiting, System::nanoTime)
                    .call(e -> e instanceof RedisConnectException lost && !lost.credentialsRefused(), () -> {
                        try (RespConnection connection = RespConnection.open(endpoint, password,
                                settings.connectTimeout(), LAYOUT_TIMEOUT)) {
                            return question.ask(connection);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (CancelledBeforeStart e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SyncFailedException(failure + ": " + RespConnection.oneLine(e), e);
        }
    }

    /** The pause before asking a server again: slices of one report, each ending at once on CANCEL. */
    private final class CancelHeard implements Retry.Sleeper {
        private final Control control;

        CancelHeard(Control control) {
            this.control = control;
        }

        @Override
        public void sleep(Duration pause) throws InterruptedException {
            long deadline = System.nanoTime() + pause.toNanos();
            do {
                if (control.desired() == DesiredState.CANCEL) {
                    throw new CancelledBeforeStart();
                }
                Thread.sleep(Math.min(settings.reportEvery().toMillis(),
                        Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } while (System.nanoTime() < deadline);
        }
    }

    /** A CANCEL heard before the syncs started: the run returns cancelled. */
    private static final class CancelledBeforeStart extends RuntimeException {
        CancelledBeforeStart() {
            super("cancelled before the sync started", null, false, false);
        }
    }

    private Optional<String> password(RedisEndpoint endpoint, String role) {
        try {
            return secrets.resolve(endpoint.password());
        } catch (SecretUnavailableException e) {
            throw new SyncFailedException("cannot read the " + role + " password: " + e.getMessage(), e);
        }
    }
}
