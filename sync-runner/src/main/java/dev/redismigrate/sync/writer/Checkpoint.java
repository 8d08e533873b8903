package dev.redismigrate.sync.writer;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resume point kept on the target, in db {@value CheckpointKey#DB}: where in the source's replication stream the
 * target's data stands. {@code state=snapshot} means a snapshot was being applied (its data is partial and is flushed
 * on restart); {@code state=stream} means the target holds everything up to {@code offset}. {@code writer} is the
 * target's client id of the connection that wrote it: a resuming sync kills that connection first, so nothing an
 * earlier attempt left in flight can be applied after the checkpoint has been read. {@code target} is the target's
 * {@code run_id} then: another one now means the target restarted since (and kept this checkpoint, so its data, through
 * persistence). {@code at} is when it was written (epoch ms), for the checkpoint's age.
 */
public record Checkpoint(String replId, long offset, int db, State state, boolean ttlsPushed, long writerClientId,
                         String targetRunId, long writtenAtMs) {
    public enum State { SNAPSHOT, STREAM }

    static final String FIELD_REPL_ID = "replid";
    static final String FIELD_OFFSET = "offset";
    static final String FIELD_DB = "db";
    static final String FIELD_STATE = "state";
    static final String FIELD_TTLS = "ttls";
    static final String FIELD_AT = "at";
    static final String FIELD_WRITER = "writer";
    static final String FIELD_TARGET = "target";

    /** Reads the checkpoint of a task; empty when there is none. */
    public static Optional<Checkpoint> read(RespConnection target, String taskId) throws IOException {
        target.callOk("SELECT", Integer.toString(CheckpointKey.DB));
        return parse(fields(target.callOk("HGETALL", CheckpointKey.forTask(taskId))), CheckpointKey.forTask(taskId));
    }

    /** The fields of an {@code HGETALL} reply; empty when the key does not exist. */
    public static Map<String, String> fields(Object hgetallReply) {
        Map<String, String> fields = new HashMap<>();
        if (hgetallReply instanceof List<?> items) {
            for (int i = 0; i + 1 < items.size(); i += 2) {
                fields.put(text(items.get(i)), text(items.get(i + 1)));
            }
        }
        return fields;
    }

    /** The checkpoint held in {@code fields} of {@code key}; empty when there are none. */
    public static Optional<Checkpoint> parse(Map<String, String> fields, String key) throws IOException {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Checkpoint(fields.get(FIELD_REPL_ID), Long.parseLong(fields.get(FIELD_OFFSET)),
                    Integer.parseInt(fields.getOrDefault(FIELD_DB, "0")),
                    State.valueOf(fields.getOrDefault(FIELD_STATE, "snapshot").toUpperCase(java.util.Locale.ROOT)),
                    "pushed".equals(fields.get(FIELD_TTLS)),
                    Long.parseLong(fields.getOrDefault(FIELD_WRITER, "-1")),
                    fields.get(FIELD_TARGET) == null || fields.get(FIELD_TARGET).isEmpty() ? null
                            : fields.get(FIELD_TARGET),
                    Long.parseLong(fields.getOrDefault(FIELD_AT, "-1"))));
        } catch (RuntimeException e) {
            throw new IOException("the checkpoint on the target is unreadable; delete key " + key
                    + " and the target's data to start over");
        }
    }

    /** True when the target restarted since this checkpoint was written (its {@code run_id} changed). */
    public boolean targetRestartedSince(String currentTargetRunId) {
        return targetRunId != null && currentTargetRunId != null && !targetRunId.equals(currentTargetRunId);
    }

    /** The {@code HSET} command that writes this checkpoint under {@code key}. */
    public byte[][] hsetArgs(byte[] key) {
        return new byte[][] {
            ascii("HSET"), key,
            ascii(FIELD_REPL_ID), ascii(replId == null ? "" : replId),
            ascii(FIELD_OFFSET), ascii(Long.toString(offset)),
            ascii(FIELD_DB), ascii(Integer.toString(db)),
            ascii(FIELD_STATE), ascii(state.name().toLowerCase(java.util.Locale.ROOT)),
            ascii(FIELD_TTLS), ascii(ttlsPushed ? "pushed" : "restored"),
            ascii(FIELD_AT), ascii(Long.toString(writtenAtMs)),
            ascii(FIELD_WRITER), ascii(Long.toString(writerClientId)),
            ascii(FIELD_TARGET), ascii(targetRunId == null ? "" : targetRunId)
        };
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }
}
