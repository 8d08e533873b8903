package dev.redismigrate.sync.cluster;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.redisio.cluster.KeySlot;
import java.nio.charset.StandardCharsets;

/**
 * A task's checkpoint key in each of the 16384 slots: {@code <checkpoint key>:{tag}}, where {@code tag} is a short
 * string whose hash slot is that slot. A cluster runs a transaction on the keys of one slot only (EXEC over two slots
 * is refused with CROSSSLOT even on one node), so a checkpoint written atomically with the writes it covers has to
 * live in their slot; it then also moves with its slot in a reshard, staying beside the data it describes.
 */
public final class SlotCheckpointKeys {
    /** For each slot, the first base-36 number whose CRC16 falls in it (found once: a few hundred thousand tries). */
    private static final String[] TAGS = findTags();

    private SlotCheckpointKeys() {
    }

    public static byte[] forSlot(String taskId, int slot) {
        String key = CheckpointKey.forTask(taskId);
        if (key.indexOf('{') >= 0) {
            throw new IllegalArgumentException("a task id with '{' would choose the checkpoint's slot itself: " + taskId);
        }
        return (key + ":{" + TAGS[slot] + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String[] findTags() {
        String[] tags = new String[KeySlot.SLOTS];
        int found = 0;
        for (long n = 0; found < KeySlot.SLOTS; n++) {
            String candidate = Long.toString(n, 36);
            int slot = KeySlot.of(candidate);
            if (tags[slot] == null) {
                tags[slot] = candidate;
                found++;
            }
        }
        return tags;
    }
}
