package dev.redismigrate.sync.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.redisio.cluster.SlotMap;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardProgressTest {
    private static final Instant T = Instant.parse("2026-12-06T19:00:00Z");

    @Test
    void aShardsEventNamesTheShard() {
        SourceShard shard = SourceShard.of(fixedMap()).get(0);
        SyncEvent event = ShardProgress.ofShard(shard, new SyncEvent(T, "resume", "continuing from offset 9"));

        assertThat(event.reason()).isEqualTo("shard 0-16383 (127.0.0.1:7000): continuing from offset 9");
        assertThat(shard.id()).isEqualTo("0-16383");
    }

    private static SlotMap fixedMap() {
        return SlotMap.parse(List.of(List.of(0L, 16383L, List.of("127.0.0.1", 7000L))),
                "127.0.0.1").orElseThrow();
    }
}
