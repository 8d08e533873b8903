package dev.redismigrate.sync.shard;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.sync.ReplicationSyncRunner;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
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
        try (RespConnection connection = RespConnection.open(source, password, settings.connectTimeout(),
                LAYOUT_TIMEOUT)) {
            return SourceLayout.read(connection, source.host());
        } catch (RuntimeException | IOException e) {
            throw new SyncFailedException("cannot read the source's cluster layout: " + RespConnection.oneLine(e), e);
        }
    }

    /** Whether the target endpoint is a Redis Cluster node ({@code cluster_enabled:1}). */
    private boolean clusterTarget(RedisEndpoint target) {
        try (RespConnection connection = RespConnection.open(target, password(target, "target"),
                settings.connectTimeout(), LAYOUT_TIMEOUT)) {
            return "1".equals(Info.of(connection, "cluster").get("cluster_enabled"));
        } catch (RuntimeException | IOException e) {
            throw new SyncFailedException("cannot tell whether the target is a Redis Cluster node: "
                    + RespConnection.oneLine(e), e);
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
