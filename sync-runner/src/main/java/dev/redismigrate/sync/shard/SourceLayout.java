package dev.redismigrate.sync.shard;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who serves the source's slots: read once at the start (which shards to sync) and again during the sync, where any
 * change for a shard synced (a failover gives it a new primary, a reshard moves slots to or from it) ends it: each
 * shard's stream is read from the primary found at the start, and a moved slot's keys would arrive on two streams whose
 * order against each other nobody knows.
 */
final class SourceLayout {
    private final SlotMap start;
    private final List<SourceShard> shards;

    SourceLayout(SlotMap start) {
        this.start = start;
        this.shards = SourceShard.of(start);
    }

    /**
     * The layout behind the node {@code connection} reaches; empty for a standalone server. A cluster that does not
     * serve every slot cannot be synced whole: that is an {@link IllegalStateException} (validation refuses it first).
     */
    static Optional<SourceLayout> read(RespConnection connection, String host) throws IOException {
        if (!"1".equals(Info.of(connection, "cluster").get("cluster_enabled"))) {
            return Optional.empty();
        }
        return Optional.of(new SourceLayout(slots(connection, host).orElseThrow(() -> new IllegalStateException(
                "the source cluster does not serve every slot (CLUSTER SLOTS leaves some without a primary): fix the"
                        + " cluster (cluster_state:ok) and start again"))));
    }

    List<SourceShard> shards() {
        return shards;
    }

    /**
     * The shard {@code wanted} names, as the source serves it now: the primary whose first slot range is the shard's
     * id (a failover since the task was validated is followed), serving the slots it served then. When there is none
     * (slots moved between primaries since: a reshard), a failure naming what the layout shows now.
     */
    SourceShard shard(SyncShard wanted) {
        Optional<SourceShard> found = shards.stream().filter(shard -> shard.id().equals(wanted.id())).findFirst();
        if (found.isPresent() && (wanted.slots() == null || found.get().serves(wanted.slots()))) {
            return found.get();
        }
        StringJoiner now = new StringJoiner(", ");
        shards.forEach(shard -> now.add(shard.ranges() + " (" + shard.primary() + ")"));
        String validated = wanted.slots() == null ? "" : " (slots " + wanted.slots() + " when the task was validated)";
        throw new SyncFailedException("shard " + wanted.id() + validated + " is not in the source cluster's layout"
                + " now, whose primaries serve " + now + ": slots moved between primaries since (a reshard), and keys"
                + " that moved between shards cannot be continued from another shard's stream; cancel the task and"
                + " migrate again", null);
    }

    /**
     * What changed since the start for the shards {@code synced} (a slot one of them served then, or one of their
     * primaries serves now), as one sentence, asking the shards' primaries in turn (the first that answers decides);
     * empty when nothing changed or no primary answered (a lost link is the shard's own sync's business).
     */
    Optional<String> change(Function<ClusterNode, RespConnection> connect, List<SourceShard> synced) {
        for (SourceShard shard : shards) {
            try (RespConnection connection = connect.apply(shard.primary())) {
                Optional<SlotMap> now = slots(connection, shard.primary().host());
                return now.isEmpty() ? Optional.of("some slots of the source cluster have no primary now (asked "
                        + shard.primary() + ")") : difference(now.get(), synced);
            } catch (RuntimeException | IOException e) {
                // not answering: ask the next one
            }
        }
        return Optional.empty();
    }

    /** The first slot whose owner changed between the start and {@code now}, for the shards {@code synced}. */
    Optional<String> difference(SlotMap now, List<SourceShard> synced) {
        Set<ClusterNode> primaries = synced.stream().map(SourceShard::primary).collect(Collectors.toSet());
        for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
            boolean ours = primaries.contains(start.owner(slot)) || primaries.contains(now.owner(slot));
            if (ours && !start.owner(slot).equals(now.owner(slot))) {
                return Optional.of("slot " + slot + " was served by " + start.owner(slot) + " when the migration"
                        + " started and is served by " + now.owner(slot) + " now");
            }
        }
        return Optional.empty();
    }

    /** The endpoint of {@code node} with the credentials and TLS setting of {@code seed} (every node shares them). */
    static RedisEndpoint endpoint(RedisEndpoint seed, ClusterNode node) {
        return new RedisEndpoint(node.host(), node.port(), seed.tls(), seed.username(), seed.password());
    }

    private static Optional<SlotMap> slots(RespConnection connection, String host) throws IOException {
        return SlotMap.parse((List<?>) connection.callOk("CLUSTER", "SLOTS"), host);
    }
}
