package dev.redismigrate.sync.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.sync.entry.EntryQueue;
import dev.redismigrate.sync.entry.SnapshotBegin;
import dev.redismigrate.sync.entry.SnapshotEnd;
import dev.redismigrate.sync.entry.StreamBlock;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** The writer against a real target, for what the whole-sync tests cannot time: a stop while writes are in flight. */
class TargetWriterIT {
    /** A writer's listener for tests that look at the target, not at what the writer reports. */
    private static final EntryWriter.Listener IGNORING = new EntryWriter.Listener() {
        @Override
        public void checkpointed(long offset) {
        }

        @Override
        public void ackRequested(long offset) {
        }

        @Override
        public void writtenWhileGuarding(int db, byte[][] command) {
        }
    };

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStoppedWriterWaitsUntilTheTargetHasAnsweredEveryBatchSent() throws Exception {
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        SyncState state = new SyncState();
        state.baseOffset = 10;
        EntryQueue queue = new EntryQueue(1 << 20);
        try (RespConnection connection = RespConnection.open(RedisEndpoint.of(target.host(), target.port()),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(20));
             Jedis t = target.client()) {
            TargetWriter writer = new TargetWriter(connection, TargetFacts.of("7.0.15"), queue, state,
                    IGNORING, "drain", "replid", 1, "run-id", ResyncScope.WHOLE_TARGET);
            Thread thread = new Thread(() -> {
                try {
                    writer.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            queue.put(new SnapshotBegin(false, "replid", 10));
            queue.put(new SnapshotEnd(0));
            await(() -> state.phase == SyncPhase.INCREMENTAL);

            target.pause();
            try {
                queue.put(new StreamBlock(List.of(new StreamBlock.DbCommand(0, args("INCR", "counter"))), 0, 42, false));
                await(queue::isEmpty);
                Thread.sleep(100); // taken from the queue; now on the wire
                writer.stop();
                assertThat(writer.awaitAnswered(Duration.ofMillis(300))).isFalse();
            } finally {
                target.resume();
            }

            assertThat(writer.awaitAnswered(Duration.ofSeconds(5))).isTrue();
            assertThat(state.appliedOffset).isEqualTo(42);
            assertThat(t.get("counter")).isEqualTo("1");
            assertThat(t.hget(CheckpointKey.forTask("drain"), "offset")).isEqualTo("42");
            assertThat(t.hget(CheckpointKey.forTask("drain"), "target")).isEqualTo("run-id");
            thread.join(5000);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCommandTheTargetRefusesWhenQueuedEndsTheWriterWithATypedFailureNoRetryCures() throws Exception {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        SyncState state = new SyncState();
        EntryQueue queue = new EntryQueue(1 << 20);
        SyncTarget.Connector targets = StandaloneTarget.connector(() -> RespConnection.open(
                RedisEndpoint.of(server.host(), server.port()), Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(20)));
        try (SyncTarget target = targets.connect("refused")) {
            SyncTarget.Found found = target.open();
            assertThat(found.checkpoint()).isEmpty();
            assertThat(found.runId()).isNotBlank();
            EntryWriter writer = target.writer(queue, state, "replid", IGNORING);
            queue.put(new StreamBlock(List.of(new StreamBlock.DbCommand(0, args("SET", "k"))), 0, 42, false));

            assertThatThrownBy(writer::run).isInstanceOfSatisfying(SyncFailure.class, failure -> {
                assertThat(failure.side()).isEqualTo(SyncFailure.Side.TARGET);
                assertThat(failure.kind()).isEqualTo(SyncFailure.Kind.COMMAND_REJECTED);
                assertThat(failure.kind().retryable()).isFalse();
                assertThat(failure).hasMessageStartingWith("target rejected SET 'k' of the source's stream: ERR");
            });
            assertThat(state.appliedOffset).isEqualTo(-1);
        }
    }

    private static byte[][] args(String... parts) {
        byte[][] args = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            args[i] = parts[i].getBytes(StandardCharsets.UTF_8);
        }
        return args;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(10);
        }
    }
}
