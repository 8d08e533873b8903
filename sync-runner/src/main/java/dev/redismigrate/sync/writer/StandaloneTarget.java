package dev.redismigrate.sync.writer;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.entry.EntryQueue;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.ttl.PushedExpiries;
import dev.redismigrate.sync.ttl.TtlRestorer;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One standalone server as the target: one pipelined connection ({@link TargetWriter}) writes every entry, and one
 * checkpoint key in db {@value CheckpointKey#DB} says where its data stands.
 */
public final class StandaloneTarget implements SyncTarget {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneTarget.class);

    private final Supplier<RespConnection> connections;
    private final RespConnection connection;
    private final String taskId;
    private final ResyncScope resyncScope;
    private TargetFacts facts;
    private String runId;
    private long writerClientId;

    private StandaloneTarget(Supplier<RespConnection> connections, String taskId, ResyncScope resyncScope) {
        this.connections = connections;
        this.connection = connections.get();
        this.taskId = taskId;
        this.resyncScope = resyncScope;
    }

    /** Targets on the server {@code connections} connects to (each call: a new, authenticated connection). */
    public static Connector connector(Supplier<RespConnection> connections) {
        return connector(connections, ResyncScope.WHOLE_TARGET);
    }

    /** The same for a source that owns only a part of the target ({@code resyncScope}: what a resync empties). */
    public static Connector connector(Supplier<RespConnection> connections, ResyncScope resyncScope) {
        return new Connector() {
            @Override
            public SyncTarget connect(String taskId) {
                return new StandaloneTarget(connections, taskId, resyncScope);
            }

            @Override
            public void removeCheckpoint(String taskId) {
                try (RespConnection connection = connections.get()) {
                    connection.callOk("SELECT", Integer.toString(CheckpointKey.DB));
                    connection.callOk("DEL", CheckpointKey.forTask(taskId));
                } catch (RuntimeException | IOException e) {
                    LOG.warn("could not remove the checkpoint key {} from the target: {}", CheckpointKey.forTask(taskId),
                            RespConnection.oneLine(e));
                }
            }
        };
    }

    @Override
    public Found open() throws IOException {
        Info server = Info.of(connection, "server");
        facts = TargetFacts.of(server);
        if (!facts.supported()) {
            throw new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.TARGET_UNSUPPORTED, "target runs Redis "
                    + facts.version() + "; the sync needs Redis 5.0 or newer on the target");
        }
        runId = server.get("run_id");
        writerClientId = (Long) connection.callOk("CLIENT", "ID");
        Optional<Checkpoint> checkpoint = Checkpoint.read(connection, taskId);
        if (checkpoint.isPresent() && checkpoint.get().writerClientId() > 0
                && checkpoint.get().writerClientId() != writerClientId
                && !checkpoint.get().targetRestartedSince(runId)) {
            // an earlier attempt's writes still in flight must not land after we read where it stopped (after a
            // restart of the target its connections are gone, and the id may now be someone else's)
            connection.call("CLIENT", "KILL", "ID", Long.toString(checkpoint.get().writerClientId()));
            checkpoint = Checkpoint.read(connection, taskId);
        }
        return new Found(facts, runId, checkpoint);
    }

    @Override
    public EntryWriter writer(EntryQueue queue, SyncState state, String replId, EntryWriter.Listener listener) {
        return new TargetWriter(connection, facts, queue, state, listener, taskId, replId, writerClientId, runId,
                resyncScope);
    }

    @Override
    public long restoreTtls(PushedExpiries pushed) throws IOException {
        try (RespConnection restoring = connections.get()) {
            return new TtlRestorer(restoring, facts.hasExpireTime()).restore(pushed, resyncScope.keys());
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
