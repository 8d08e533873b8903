package dev.redismigrate.sync.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.spool.SnapshotSpool;
import dev.redismigrate.sync.spool.StreamSpool;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/** Into a cluster target a shard is copied by the first session of a first run only; afterwards it only continues. */
class FirstCopyOnlyTest {
    private static final SourceShard SHARD = SourceShard.of(SlotMap.parse(
            List.of(List.of(0L, 16383L, List.of("127.0.0.1", 7000L))), "127.0.0.1").orElseThrow()).get(0);

    private final AtomicBoolean started = new AtomicBoolean();

    @Test
    void theFirstSessionOfAFirstRunCopiesTheShard() throws Exception {
        assertThat(link(true, false).start(null, -1).full()).isTrue();
    }

    @Test
    void aLaterSessionMayContinueButNotCopyAgain() throws Exception {
        link(true, false).start(null, -1);

        assertThat(link(false, false).start("replid", 100).full()).isFalse();
        assertThatThrownBy(() -> link(true, false).start("replid", 100)).isInstanceOfSatisfying(SyncFailure.class,
                failure -> {
                    assertThat(failure.kind().retryable()).isFalse();
                    assertThat(failure.getMessage()).startsWith("shard 0-16383 (127.0.0.1:7000) would have to be"
                            + " copied again").contains("flushing every primary, the other shards' data too");
                });
    }

    @Test
    void aResumedRunMayNotCopyAShardAgain() {
        assertThatThrownBy(() -> link(true, true).start(null, -1)).isInstanceOf(SyncFailure.class);
    }

    private SyncSource link(boolean full, boolean resumed) {
        return new FirstCopyOnly(new Answering(full), SHARD, started, resumed);
    }

    /** A source that answers every start with a full resync or a continuation. */
    private record Answering(boolean full) implements SyncSource {
        @Override
        public Start start(String replId, long offset) {
            return new Start(full, "replid", full ? 0 : offset);
        }

        @Override
        public void receiveSnapshot(SnapshotSpool spool) {
        }

        @Override
        public void pumpStream(StreamSpool spool, LongConsumer received) {
        }

        @Override
        public void ack(long offset) {
        }

        @Override
        public void close() {
        }
    }
}
