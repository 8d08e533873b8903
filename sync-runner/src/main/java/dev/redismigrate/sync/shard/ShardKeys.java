package dev.redismigrate.sync.shard;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.KeyScan;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.resp.RespError;
import dev.redismigrate.sync.writer.ResyncScope;
import dev.redismigrate.sync.writer.TargetFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys one shard of a cluster source owns on a standalone target: those of its slots, in db 0 (a cluster's only
 * database). A resync of that shard erases them and nothing else, so the other shards' data and every key of
 * redis-migrate's own (their checkpoints) stay: {@code SCAN} pages filtered by {@link KeySlot}, each page's matches
 * removed with one {@code UNLINK}. The TTL repair after a resume visits these keys only ({@link #keys()}).
 *
 * <p>The shard's checkpoint goes first: an attempt that dies while erasing leaves no checkpoint behind, so the next one
 * resyncs (and erases) again instead of continuing a stream into half-erased data.
 */
final class ShardKeys implements ResyncScope {
    private static final Logger LOG = LoggerFactory.getLogger(ShardKeys.class);
    private static final byte[] INTERNAL = CheckpointKey.INTERNAL_PREFIX.getBytes(StandardCharsets.UTF_8);

    private final SourceShard shard;
    private final Supplier<RespConnection> target;
    private final String checkpointKey;

    ShardKeys(SourceShard shard, Supplier<RespConnection> target, String checkpointKey) {
        this.shard = shard;
        this.target = target;
        this.checkpointKey = checkpointKey;
    }

    @Override
    public List<byte[][]> clear(TargetFacts facts) throws IOException {
        long[] erased = {0};
        try (RespConnection connection = target.get()) {
            connection.callOk("SELECT", Integer.toString(CheckpointKey.DB));
            connection.callOk("DEL", checkpointKey);
            KeyScan.pages(connection, null, keys -> {
                List<byte[]> doomed = new ArrayList<>();
                doomed.add("UNLINK".getBytes(StandardCharsets.US_ASCII));
                keys.stream().filter(this::owned).forEach(doomed::add);
                if (doomed.size() > 1) {
                    erased[0] += unlink(connection, doomed.toArray(byte[][]::new));
                }
            });
        }
        LOG.info("resync of shard {}: {} keys of its slots erased from the target", shard, erased[0]);
        return List.of();
    }

    @Override
    public Optional<Predicate<byte[]>> keys() {
        return Optional.of(this::owned);
    }

    /** A key of the shard's slots, not one of redis-migrate's own. */
    private boolean owned(byte[] key) {
        return shard.slots().get(KeySlot.of(key)) && !internal(key);
    }

    private static long unlink(RespConnection connection, byte[][] command) throws IOException {
        connection.send(command);
        connection.flush();
        Object reply = connection.readReply();
        if (reply instanceof RespError error) {
            throw new SyncFailure(SyncFailure.Side.TARGET, error.permissionDenied() ? SyncFailure.Kind.PERMISSION_DENIED
                    : SyncFailure.Kind.COMMAND_REJECTED, "target rejected UNLINK while erasing a shard's keys for a"
                    + " resync: " + error.message());
        }
        return (Long) reply;
    }

    private static boolean internal(byte[] key) {
        return key.length >= INTERNAL.length && Arrays.equals(key, 0, INTERNAL.length, INTERNAL, 0, INTERNAL.length);
    }
}
