package dev.redismigrate.sync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.redisio.cluster.KeySlot;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotCheckpointKeysTest {
    @Test
    void everySlotHasItsOwnKeyInThatSlotUnderTheTasksCheckpointName() {
        Set<String> keys = new HashSet<>();
        for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
            byte[] key = SlotCheckpointKeys.forSlot("t1", slot);
            assertThat(KeySlot.of(key)).isEqualTo(slot);
            String name = new String(key, StandardCharsets.UTF_8);
            assertThat(name).startsWith(CheckpointKey.forTask("t1") + ":{").startsWith(CheckpointKey.INTERNAL_PREFIX);
            keys.add(name);
        }
        assertThat(keys).hasSize(KeySlot.SLOTS);
    }

    @Test
    void aTaskIdThatWouldChooseTheSlotItselfIsRefused() {
        assertThatThrownBy(() -> SlotCheckpointKeys.forSlot("a{b}", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
