package dev.redismigrate.sync.cluster;

import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.Redirect;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.resp.RespError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What each slot already holds beyond the watermark, read back on resume: the slot stamps ({@link SlotCheckpointKeys})
 * of the watermark's replication id with an offset after it. A slot's share of a replayed block at or before its stamp
 * was applied together with that stamp, so it is skipped; everything else is applied. Cleared by a flush (which wipes
 * the stamps on the target too).
 */
final class ResumeStamps {
    private static final byte[] HMGET = ascii("HMGET");
    private static final byte[] REPL_ID = ascii("replid");
    private static final byte[] OFFSET = ascii("offset");
    private static final byte[] ASKING = ascii("ASKING");

    private final long[] offsets;
    private final boolean[] present;

    private ResumeStamps(long[] offsets, boolean[] present) {
        this.offsets = offsets;
        this.present = present;
    }

    static ResumeStamps none() {
        long[] offsets = new long[KeySlot.SLOTS];
        Arrays.fill(offsets, -1);
        return new ResumeStamps(offsets, new boolean[KeySlot.SLOTS]);
    }

    /**
     * Reads every slot's stamp on the slot's owner, pipelined per node; an {@code ASK} (a slot half moved) is followed,
     * a {@code MOVED} (the map changed meanwhile) fails the read, and the next session reads again.
     *
     * @param above only stamps of {@code replId} after this offset (the watermark's) are kept for skipping
     */
    static ResumeStamps read(SlotMap slots, Function<ClusterNode, RespConnection> connections, String name,
                             String replId, long above) throws IOException {
        ResumeStamps stamps = none();
        Map<ClusterNode, List<Integer>> byOwner = new LinkedHashMap<>();
        for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
            byOwner.computeIfAbsent(slots.owner(slot), node -> new ArrayList<>()).add(slot);
        }
        for (Map.Entry<ClusterNode, List<Integer>> owner : byOwner.entrySet()) {
            RespConnection connection = connections.apply(owner.getKey());
            for (int slot : owner.getValue()) {
                connection.send(HMGET, SlotCheckpointKeys.forSlot(name, slot), REPL_ID, OFFSET);
            }
            connection.flush();
            for (int slot : owner.getValue()) {
                Object reply = connection.readReply();
                if (reply instanceof RespError error) {
                    reply = askElsewhere(error, owner.getKey(), connections, name, slot);
                }
                stamps.take(slot, (List<?>) reply, replId, above);
            }
        }
        return stamps;
    }

    private static Object askElsewhere(RespError error, ClusterNode from,
                                       Function<ClusterNode, RespConnection> connections, String name, int slot)
            throws IOException {
        Optional<Redirect> redirect = Redirect.parse(error.message(), from.host());
        if (redirect.isEmpty() || redirect.get().kind() != Redirect.Kind.ASK) {
            throw new IOException("reading the slot checkpoints, " + from + " answered " + error.message()
                    + " (the cluster's slots moved meanwhile)");
        }
        RespConnection importing = connections.apply(redirect.get().node());
        importing.send(ASKING);
        importing.send(HMGET, SlotCheckpointKeys.forSlot(name, slot), REPL_ID, OFFSET);
        importing.flush();
        importing.readReply();
        Object reply = importing.readReply();
        if (reply instanceof RespError again) {
            throw new IOException("reading the slot checkpoints, " + redirect.get().node() + " answered "
                    + again.message());
        }
        return reply;
    }

    private void take(int slot, List<?> fields, String replId, long above) {
        if (fields.get(1) == null) {
            return;
        }
        present[slot] = true;
        long offset = Long.parseLong(new String((byte[]) fields.get(1), StandardCharsets.US_ASCII));
        if (fields.get(0) != null && replId.equals(new String((byte[]) fields.get(0), StandardCharsets.UTF_8))
                && offset > above) {
            offsets[slot] = offset;
        }
    }

    /** True when the slot's share of the block ending at {@code blockOffset} is on the target already. */
    boolean applied(int slot, long blockOffset) {
        return blockOffset <= offsets[slot];
    }

    /** Slots whose stamp key exists (whatever it says): keys of ours on the target. */
    boolean present(int slot) {
        return present[slot];
    }

    /** The highest offset any slot holds beyond the watermark; -1 when none does. */
    long max() {
        return Arrays.stream(offsets).max().orElse(-1);
    }

    /** After a flush: no slot holds anything any more. */
    void clear() {
        Arrays.fill(offsets, -1);
        Arrays.fill(present, false);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
