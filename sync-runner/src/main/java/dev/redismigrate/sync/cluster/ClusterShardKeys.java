package dev.redismigrate.sync.cluster;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.Redirect;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.KeyScan;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.resp.RespError;
import dev.redismigrate.sync.writer.ResyncScope;
import dev.redismigrate.sync.writer.TargetConnections;
import dev.redismigrate.sync.writer.TargetFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys one shard of a cluster source owns on a cluster target: those of its slots, on whichever primaries hold
 * them, and the slot stamps of its checkpoint (a stamp hashes to the slot it describes, so they are in its slots too).
 * A resync of the shard and a {@code FLUSHALL}/{@code FLUSHDB} in its stream erase these and nothing else: every
 * primary is {@code SCAN}ned, and each page's keys of the shard's slots are removed with one {@code UNLINK} per slot
 * (a cluster refuses a command over several slots). The other shards' keys and checkpoints stay, and so does this
 * shard's watermark, whatever slot its key hashes to.
 *
 * <p>Crash safety comes from the writer's order around the erase ({@link ClusterWriter}): a resync writes its
 * {@code state snapshot} watermark before erasing, so an attempt that dies while erasing is followed by a resync that
 * erases again; a stream flush leaves the watermark before the flush's block, so the next attempt replays the flush
 * and erases again.
 */
final class ClusterShardKeys implements ResyncScope {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterShardKeys.class);
    private static final byte[] UNLINK = ResumeStamps.ascii("UNLINK");
    private static final byte[] INTERNAL = CheckpointKey.INTERNAL_PREFIX.getBytes(StandardCharsets.UTF_8);

    private final TargetConnections target;
    private final BitSet slots;
    private final byte[] ownStamps;

    /** @param slots the shard's slots; {@code checkpointName} names its checkpoint, whose stamps go too */
    ClusterShardKeys(TargetConnections target, BitSet slots, String checkpointName) {
        this.target = target;
        this.slots = slots;
        this.ownStamps = (CheckpointKey.forTask(checkpointName) + ":{").getBytes(StandardCharsets.UTF_8);
    }

    /** Erases on the writer's thread, on connections of its own; nothing goes into the next batch. */
    @Override
    public List<byte[][]> clear(TargetFacts facts) throws IOException {
        long[] erased = {0};
        for (ClusterNode primary : ClusterTarget.slotMap(target).primaries()) {
            try (RespConnection node = target.node(primary)) {
                KeyScan.pages(node, null, keys -> erased[0] += unlink(node, primary, ours(keys)));
            }
        }
        LOG.info("{} keys of the shard's {} slots erased from the target cluster", erased[0], slots.cardinality());
        return List.of();
    }

    /** The page's keys of the shard's slots, by slot: its data and its stamps, never another key of ours. */
    private Map<Integer, List<byte[]>> ours(List<byte[]> keys) {
        Map<Integer, List<byte[]>> bySlot = new LinkedHashMap<>();
        for (byte[] key : keys) {
            int slot = KeySlot.of(key);
            if (slots.get(slot) && (!startsWith(key, INTERNAL) || startsWith(key, ownStamps))) {
                bySlot.computeIfAbsent(slot, s -> new ArrayList<>()).add(key);
            }
        }
        return bySlot;
    }

    private static long unlink(RespConnection node, ClusterNode primary, Map<Integer, List<byte[]>> bySlot)
            throws IOException {
        for (List<byte[]> keys : bySlot.values()) {
            byte[][] command = new byte[keys.size() + 1][];
            command[0] = UNLINK;
            for (int i = 0; i < keys.size(); i++) {
                command[i + 1] = keys.get(i);
            }
            node.send(command);
        }
        node.flush();
        long erased = 0;
        for (int i = 0; i < bySlot.size(); i++) {
            Object reply = node.readReply();
            if (reply instanceof RespError error) {
                throw refused(error, primary);
            }
            erased += (Long) reply;
        }
        return erased;
    }

    /** A slot moving meanwhile is waited out like a lost connection (the next attempt erases again); else refused. */
    private static SyncFailure refused(RespError error, ClusterNode primary) {
        if (Redirect.parse(error.message(), primary.host()).isPresent() || error.code().equals("TRYAGAIN")
                || error.code().equals("CLUSTERDOWN")) {
            return new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.CONNECTION, "target node " + primary
                    + " answered " + error.code() + " while a shard's keys were erased for a resync (a slot moved"
                    + " meanwhile): erasing again");
        }
        return new SyncFailure(SyncFailure.Side.TARGET, error.permissionDenied() ? SyncFailure.Kind.PERMISSION_DENIED
                : SyncFailure.Kind.COMMAND_REJECTED, "target node " + primary + " rejected UNLINK while a shard's keys"
                + " were erased for a resync: " + error.message());
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
