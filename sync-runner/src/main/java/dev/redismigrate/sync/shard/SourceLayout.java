package dev.redismigrate.sync.shard;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who serves the source's slots: read once at the start (which shards to sync) and again during the sync, where any
 * change (a failover gives a shard a new primary, a reshard moves slots between primaries) ends it: each shard's
 * stream is read from the primary found at the start, and a moved slot's keys would arrive on two streams whose order
 * against each other nobody knows.
 */
final class SourceLayout {
    private final SlotMap start;
    private final List<SourceShard> shards;

    private SourceLayout(SlotMap start) {
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
     * What changed since the start, as one sentence, asking the shards' primaries in turn (the first that answers
     * decides); empty when nothing changed or no primary answered (a lost link is the shard's own sync's business).
     */
    Optional<String> change(Function<ClusterNode, RespConnection> connect) {
        for (SourceShard shard : shards) {
            try (RespConnection connection = connect.apply(shard.primary())) {
                Optional<SlotMap> now = slots(connection, shard.primary().host());
                return now.isEmpty() ? Optional.of("some slots of the source cluster have no primary now (asked "
                        + shard.primary() + ")") : difference(now.get());
            } catch (RuntimeException | IOException e) {
                // not answering: ask the next one
            }
        }
        return Optional.empty();
    }

    private Optional<String> difference(SlotMap now) {
        for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
            if (!start.owner(slot).equals(now.owner(slot))) {
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
