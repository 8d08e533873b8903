package dev.redismigrate.sync.cluster;

import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writer's connections to the nodes of a cluster, each remembered with the node's {@code run_id} and the
 * connection's client id. The watermark records them ({@link #field()}), so that a later attempt can kill them on
 * every node before it reads where the data stands, as the standalone writer's single {@code writer} field allows.
 * A client id means something only while its node runs: after a restart (another run_id) it is not killed.
 *
 * <p>Each connection is named in the watermark as soon as it is opened, before anything is sent on it
 * ({@link Naming}): one opened later (a primary that appeared in a failover) would otherwise be named only by the next
 * watermark, and a crash before that would leave it unfenced.
 */
final class WriterConnections implements SlotRoutingWriter.NodeConnector {
    /** Writes {@link #field()} into the watermark, when there is one. */
    @FunctionalInterface
    interface Naming {
        void name(String field) throws IOException;
    }

    private final SlotRoutingWriter.NodeConnector nodes;
    private final Naming naming;
    private final Map<ClusterNode, String> writers = new ConcurrentHashMap<>();

    WriterConnections(SlotRoutingWriter.NodeConnector nodes, Naming naming) {
        this.nodes = nodes;
        this.naming = naming;
    }

    @Override
    public RespConnection open(ClusterNode node) {
        RespConnection connection = nodes.open(node);
        try {
            String runId = Info.of(connection, "server").get("run_id");
            writers.put(node, runId + ":" + connection.callOk("CLIENT", "ID"));
            naming.name(field());
            return connection;
        } catch (IOException e) {
            connection.close();
            throw new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.CONNECTION,
                    "cannot identify the writer connection to " + node + ": " + RespConnection.oneLine(e), e);
        }
    }

    /** {@code run_id:client id} of every writer connection, comma-separated, sorted (it reads the same each time). */
    String field() {
        return String.join(",", writers.values().stream().sorted().toList());
    }

    /** The client ids {@link #field()} recorded, by the run_id of their node. */
    static Map<String, Long> parse(String field) {
        Map<String, Long> byRunId = new HashMap<>();
        if (field != null && !field.isEmpty()) {
            for (String writer : field.split(",")) {
                int colon = writer.lastIndexOf(':');
                byRunId.put(writer.substring(0, colon), Long.parseLong(writer.substring(colon + 1)));
            }
        }
        return byRunId;
    }
}
