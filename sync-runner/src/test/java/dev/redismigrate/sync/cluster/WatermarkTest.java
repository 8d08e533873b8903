package dev.redismigrate.sync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.sync.writer.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatermarkTest {
    @Test
    void theWatermarkReadsBackAsTheStandaloneCheckpointWithEveryNodesWriter() throws Exception {
        Checkpoint written = new Checkpoint("replid-1", 12345, 0, Checkpoint.State.STREAM, true, -1, "run-a,run-b",
                1_700_000_000_000L);
        byte[][] hset = Watermark.hset(written, "task-1", "run-a:17,run-b:4");

        assertThat(new String(hset[1], StandardCharsets.UTF_8)).isEqualTo(CheckpointKey.forTask("task-1"));
        Map<String, String> fields = new HashMap<>();
        for (int i = 2; i + 1 < hset.length; i += 2) {
            fields.put(new String(hset[i], StandardCharsets.UTF_8), new String(hset[i + 1], StandardCharsets.UTF_8));
        }
        assertThat(Checkpoint.parse(fields, "key")).contains(written);
        assertThat(WriterConnections.parse(fields.get(Watermark.FIELD_WRITERS)))
                .isEqualTo(Map.of("run-a", 17L, "run-b", 4L));
        assertThat(WriterConnections.parse("")).isEmpty();
    }

    @Test
    void aSlotsStampLivesInThatSlot() {
        byte[][] stamp = Watermark.stamp("task-1", 4242, "replid-1", 99);

        assertThat(KeySlot.of(stamp[1])).isEqualTo(4242);
        assertThat(new String(stamp[5], StandardCharsets.US_ASCII)).isEqualTo("99");
    }
}
