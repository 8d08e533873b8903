package dev.redismigrate.sync.cluster;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.resp.RespError;
import dev.redismigrate.sync.writer.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoint of a cluster target, in two parts (see docs/sync-engine.md, "Cluster target"):
 * <ul>
 *   <li>the watermark: the standalone checkpoint hash ({@link CheckpointKey#forTask}) in whatever slot that key
 *       hashes to, plus the writer connection of every node; written only once every node has answered every write
 *       through its offset, so it stays true whichever slots move;</li>
 *   <li>the slot stamps: {@code replid} and {@code offset} in each slot's key ({@link SlotCheckpointKeys}), written in
 *       the same transaction as that slot's writes, moving with the slot in a reshard.</li>
 * </ul>
 */
final class Watermark {
    static final String FIELD_WRITERS = "writers";
    private static final String NAME_WRITERS = "if redis.call('EXISTS', KEYS[1]) == 1 then"
            + " redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end return 0";

    /** What a resuming session finds. */
    record Found(Optional<Checkpoint> checkpoint, Map<String, Long> writersByRunId) {
    }

    private Watermark() {
    }

    static byte[] key(String name) {
        return CheckpointKey.forTask(name).getBytes(StandardCharsets.UTF_8);
    }

    /** The watermark's {@code HSET}: the standalone checkpoint's fields and the writers ({@link WriterConnections}). */
    static byte[][] hset(Checkpoint checkpoint, String name, String writers) {
        byte[][] fields = checkpoint.hsetArgs(key(name));
        byte[][] args = Arrays.copyOf(fields, fields.length + 2);
        args[fields.length] = ResumeStamps.ascii(FIELD_WRITERS);
        args[fields.length + 1] = writers.getBytes(StandardCharsets.US_ASCII);
        return args;
    }

    /** Reads the watermark on {@code owner}, the node serving its slot. */
    static Found read(RespConnection owner, String name) throws IOException {
        Object reply = owner.call("HGETALL", CheckpointKey.forTask(name));
        if (reply instanceof RespError error) {
            throw new IOException("reading the checkpoint, " + owner.display() + " answered " + error.message()
                    + " (the cluster's slots moved meanwhile)");
        }
        Map<String, String> fields = Checkpoint.fields(reply);
        return new Found(Checkpoint.parse(fields, CheckpointKey.forTask(name)),
                WriterConnections.parse(fields.get(FIELD_WRITERS)));
    }

    /**
     * Names the writer connections ({@link WriterConnections#field()}) in the watermark on {@code owner}, the node
     * serving its slot, leaving the rest of it as it is; nothing when there is no watermark (the next one names them).
     */
    static void nameWriters(RespConnection owner, String name, String writers) throws IOException {
        Object reply = owner.call("EVAL", NAME_WRITERS, "1", CheckpointKey.forTask(name), FIELD_WRITERS, writers);
        if (reply instanceof RespError error) {
            throw new IOException("naming the writer connections in the checkpoint, " + owner.display()
                    + " answered " + error.message());
        }
    }

    /** The stamp of one slot: it holds everything of {@code replId} through {@code offset}. */
    static byte[][] stamp(String name, int slot, String replId, long offset) {
        return new byte[][] {
            ResumeStamps.ascii("HSET"), SlotCheckpointKeys.forSlot(name, slot),
            ResumeStamps.ascii("replid"), replId.getBytes(StandardCharsets.UTF_8),
            ResumeStamps.ascii("offset"), ResumeStamps.ascii(Long.toString(offset))
        };
    }
}
