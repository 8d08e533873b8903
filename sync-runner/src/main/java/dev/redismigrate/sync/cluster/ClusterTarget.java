package dev.redismigrate.sync.cluster;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.entry.EntryQueue;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.KeyScan;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.ttl.PushedExpiries;
import dev.redismigrate.sync.ttl.TtlRestorer;
import dev.redismigrate.sync.writer.Checkpoint;
import dev.redismigrate.sync.writer.EntryWriter;
import dev.redismigrate.sync.writer.ResyncScope;
import dev.redismigrate.sync.writer.SyncTarget;
import dev.redismigrate.sync.writer.TargetConnections;
import dev.redismigrate.sync.writer.TargetFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster as the target of a standalone source, or of one shard of a cluster source: keys routed by slot to one
 * connection per primary ({@link SlotRoutingWriter}), a watermark and per-slot stamps as the checkpoint
 * ({@link Watermark}), the TTL repair and the checkpoint's removal on every primary. The checkpoint's name is a
 * parameter (the task id, or one per source shard), as for the standalone target, and so is what a resync or a source
 * flush erases ({@link ResyncScope}: the whole cluster, or one shard's slots, {@link ClusterShardKeys}).
 */
public final class ClusterTarget implements SyncTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTarget.class);

    private final TargetConnections target;
    private final String name;
    private final WriterConnections writers;
    private final ResyncScope scope;
    private TargetFacts facts;
    private String runId;
    private ResumeStamps resume = ResumeStamps.none();
    private boolean watermarkFound;
    private SlotRoutingWriter routing;

    private ClusterTarget(TargetConnections target, String name, ResyncScope scope) {
        this.target = target;
        this.name = name;
        this.writers = new WriterConnections(target::node, this::nameWriters);
        this.scope = scope;
    }

    /** Targets on the cluster whose node {@code target} names, for a source that owns the whole cluster. */
    public static Connector connector(TargetConnections target) {
        return connector(target, checkpointName -> ResyncScope.WHOLE_TARGET);
    }

    /** The same for one shard of a cluster source, which owns the keys of {@code slots} only. */
    public static Connector connector(TargetConnections target, BitSet slots) {
        return connector(target, checkpointName -> new ClusterShardKeys(target, slots, checkpointName));
    }

    private static Connector connector(TargetConnections target, Function<String, ResyncScope> scopes) {
        return new Connector() {
            @Override
            public SyncTarget connect(String checkpointName) {
                return new ClusterTarget(target, checkpointName, scopes.apply(checkpointName));
            }

            @Override
            public void removeCheckpoint(String checkpointName) {
                try {
                    removeKeys(target, checkpointName);
                } catch (RuntimeException | IOException e) {
                    LOG.warn("could not remove the checkpoint keys {}* from the cluster: {}",
                            CheckpointKey.forTask(checkpointName), RespConnection.oneLine(e));
                }
            }
        };
    }

    /**
     * Refuses a cluster with a primary before 5.0, waits out one whose state is not {@code ok} (a retryable failure:
     * usually a failover in progress), kills the writer connections an earlier attempt left on every primary, then
     * reads the watermark and, when it continues a stream, the slot stamps beyond it.
     */
    @Override
    public Found open() throws IOException {
        Map<ClusterNode, RespConnection> admin = new LinkedHashMap<>();
        try {
            SlotMap slots = slotMap(target);
            Map<ClusterNode, String> runIds = new LinkedHashMap<>();
            for (ClusterNode primary : slots.primaries()) {
                Info server = Info.of(admin.computeIfAbsent(primary, target::node), "server");
                TargetFacts nodeFacts = TargetFacts.of(server);
                if (!nodeFacts.supported()) {
                    throw new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.TARGET_UNSUPPORTED, "target node "
                            + primary + " runs Redis " + nodeFacts.version()
                            + "; the sync needs Redis 5.0 or newer on every primary of the cluster");
                }
                facts = facts == null || lower(nodeFacts, facts) ? nodeFacts : facts;
                runIds.put(primary, server.get("run_id"));
            }
            runId = String.join(",", runIds.values().stream().sorted().toList());
            RespConnection owner = admin.computeIfAbsent(slots.ownerOf(Watermark.key(name)), target::node);
            Watermark.Found found = Watermark.read(owner, name);
            if (fence(found, runIds, admin)) {
                found = Watermark.read(owner, name);
            }
            Optional<Checkpoint> checkpoint = found.checkpoint();
            watermarkFound = checkpoint.isPresent();
            if (checkpoint.isPresent() && checkpoint.get().state() == Checkpoint.State.STREAM) {
                resume = ResumeStamps.read(slots, node -> admin.computeIfAbsent(node, target::node), name,
                        checkpoint.get().replId(), checkpoint.get().offset());
            }
            routing = new SlotRoutingWriter(writers, slots.primaries().iterator().next());
            return new Found(facts, runId, checkpoint);
        } finally {
            admin.values().forEach(RespConnection::close);
        }
    }

    /** Names the writer connections in the watermark, wherever its slot is now (see {@link WriterConnections}). */
    private void nameWriters(String field) throws IOException {
        try (RespConnection owner = target.node(slotMap(target).ownerOf(Watermark.key(name)))) {
            Watermark.nameWriters(owner, name, field);
        }
    }

    /** Kills the writers the watermark names on the primaries still running; true when it named any. */
    private static boolean fence(Watermark.Found found, Map<ClusterNode, String> runIds,
                                 Map<ClusterNode, RespConnection> admin) throws IOException {
        boolean named = false;
        for (Map.Entry<ClusterNode, String> node : runIds.entrySet()) {
            Long writer = found.writersByRunId().get(node.getValue());
            if (writer != null) {
                // an earlier attempt's writes still in flight must not land after we read where it stopped
                admin.get(node.getKey()).call("CLIENT", "KILL", "ID", Long.toString(writer));
                named = true;
            }
        }
        return named;
    }

    private static boolean lower(TargetFacts a, TargetFacts b) {
        return Comparator.comparingInt(TargetFacts::rdbVersion).thenComparing(TargetFacts::hasPxat)
                .thenComparing(TargetFacts::hasExpireTime).compare(a, b) < 0;
    }

    @Override
    public EntryWriter writer(EntryQueue queue, SyncState state, String replId, EntryWriter.Listener listener) {
        return new ClusterWriter(routing, facts, queue, state, listener,
                new ClusterWriter.Identity(name, replId, runId, writers, scope), resume, watermarkFound);
    }

    /**
     * The TTL repair on every primary: of the keys {@code pushed} names, each on its slot's primary; without a complete
     * list, each primary scanned whole.
     */
    @Override
    public long restoreTtls(PushedExpiries pushed) throws IOException {
        SlotMap slots = routing.slotMap();
        Map<ClusterNode, RespConnection> connections = new LinkedHashMap<>();
        Map<ClusterNode, TtlRestorer> restorers = new LinkedHashMap<>();
        try {
            for (ClusterNode primary : slots.primaries()) {
                restorers.put(primary, new TtlRestorer(connections.computeIfAbsent(primary, target::node),
                        facts.hasExpireTime()));
            }
            long fixed = 0;
            if (pushed == null || pushed.incompleteBecause().isPresent()) {
                for (TtlRestorer restorer : restorers.values()) {
                    fixed += restorer.restore(null);
                }
                return fixed;
            }
            Map<ClusterNode, TtlRestorer.Listed> listed = new LinkedHashMap<>();
            restorers.forEach((node, restorer) -> listed.put(node, restorer.onClusterNode()));
            pushed.forEach((db, key) -> listed.get(slots.ownerOf(key)).add(key));
            for (TtlRestorer.Listed node : listed.values()) {
                fixed += node.finish();
            }
            LOG.info("restored the real expiry of {} keys written with a guarded TTL (the {} keys pushed, on {}"
                    + " primaries)", fixed, pushed.size(), listed.size());
            return fixed;
        } finally {
            connections.values().forEach(RespConnection::close);
        }
    }

    @Override
    public void close() {
        if (routing != null) {
            routing.close();
        }
    }

    /** The slot map, read from the endpoint; a cluster not serving every slot is waited out like a lost connection. */
    static SlotMap slotMap(TargetConnections target) throws IOException {
        try (RespConnection seed = target.connect()) {
            String state = Info.parse(text(seed.callOk("CLUSTER", "INFO"))).get("cluster_state");
            Object ranges = seed.callOk("CLUSTER", "SLOTS");
            Optional<SlotMap> slots = "ok".equals(state) && ranges instanceof List<?> list
                    ? SlotMap.parse(list, target.host()) : Optional.empty();
            return slots.orElseThrow(() -> new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.CONNECTION,
                    "the target cluster's state is " + state + ", not ok (a failover or a slot without a node):"
                            + " waiting until it serves every slot"));
        }
    }

    /** Deletes the watermark and every slot stamp of {@code checkpointName}, on each primary. */
    private static void removeKeys(TargetConnections target, String checkpointName) throws IOException {
        String watermark = CheckpointKey.forTask(checkpointName);
        String pattern = watermark.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
        for (ClusterNode primary : slotMap(target).primaries()) {
            try (RespConnection node = target.node(primary)) {
                List<byte[]> ours = new ArrayList<>();
                KeyScan.pages(node, pattern, keys -> {
                    for (byte[] key : keys) {
                        String text = text(key);
                        if (text.equals(watermark) || text.startsWith(watermark + ":{")) {
                            ours.add(key);
                        }
                    }
                });
                for (byte[] key : ours) {
                    node.send(ResumeStamps.ascii("DEL"), key);
                }
                node.flush();
                for (int i = 0; i < ours.size(); i++) {
                    node.readReply();
                }
            }
        }
    }

    private static String text(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
