package dev.redismigrate.sync.shard;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.sync.ReplicationSyncRunner;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RedisConnectException;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sync of any source: a standalone (or master-replica) source is one {@link ReplicationSyncRunner}; a Redis Cluster
 * source, found from any of its nodes, is one replication sync per primary shard, run side by side in this process
 * ({@link ShardedRun}), each with its own link, offsets and checkpoint, reported per shard and in total, finished or
 * cancelled together. See docs/sync-engine.md, "Cluster source".
 */
public final class ShardedSyncRunner implements SyncRunner {
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
        Optional<String> password = password(request.source(), "source");
        Optional<SourceLayout> layout = layout(request.source(), password);
        if (layout.isEmpty()) {
            return new ReplicationSyncRunner(secrets, settings).run(request, control, progress);
        }
        return new ShardedRun(request, layout.get(), clusterTarget(request.target()), secrets, settings,
                node -> RespConnection.open(SourceLayout.endpoint(request.source(), node), password,
                        settings.connectTimeout(), LAYOUT_TIMEOUT)).run(control, progress);
    }

    private Optional<SourceLayout> layout(RedisEndpoint source, Optional<String> password) {
        return asking("cannot read the source's cluster layout", source, password,
                connection -> SourceLayout.read(connection, source.host()));
    }

    /** Whether the target endpoint is a Redis Cluster node ({@code cluster_enabled:1}). */
    private boolean clusterTarget(RedisEndpoint target) {
        return asking("cannot tell whether the target is a Redis Cluster node", target, password(target, "target"),
                connection -> "1".equals(Info.of(connection, "cluster").get("cluster_enabled")));
    }

    private interface Question<T> {
        T ask(RespConnection connection) throws IOException;
    }

    /**
     * One question to a server before the syncs start. A server that cannot be reached is asked again as a lost link
     * is (backoff, for {@link SyncSettings#giveUpAfter()}); refused credentials and any other answer end the run.
     */
    private <T> T asking(String failure, RedisEndpoint endpoint, Optional<String> password, Question<T> question) {
        try {
            return Retry.forDuration(Backoff.RECONNECT, settings.giveUpAfter(), Retry.Sleeper.REAL, System::nanoTime)
                    .call(e -> e instanceof RedisConnectException lost && !lost.credentialsRefused(), () -> {
                        try (RespConnection connection = RespConnection.open(endpoint, password,
                                settings.connectTimeout(), LAYOUT_TIMEOUT)) {
                            return question.ask(connection);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (RuntimeException e) {
            throw new SyncFailedException(failure + ": " + RespConnection.oneLine(e), e);
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
