package dev.redismigrate.sync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlotRoutingWriterIT {
    private static final int KEYS = 60;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @Test
    void writesLandOnTheNodesThatOwnTheirSlots() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        try (SlotRoutingWriter writer = writer(cluster)) {
            List<String> msetArgs = new ArrayList<>(List.of("MSET"));
            IntStream.range(0, 300).forEach(i -> msetArgs.addAll(List.of("m" + i, "v" + i)));
            SlotRoutingWriter.Outcome outcome = writer.write(List.of(
                    block(args(msetArgs.toArray(String[]::new))),
                    block(args("SET", "single", "1")),
                    block(args("DEL", "m0", "m1", "m2", "m3")),
                    block(args("MSETNX", "n1", "a", "n2", "b")),
                    block(args("INCR", "{tx}a"), args("SET", "txb", "2"), args("RPUSH", "{tx}c", "x"))));

            assertThat(outcome.allApplied()).isTrue();
            assertThat(writer.counts().transactionsSplit()).isEqualTo(1);
            assertThat(writer.counts().atomicityLost()).isEqualTo(cluster.ownerOf("n1") == cluster.ownerOf("n2")
                    && RedisCluster.slot("n1") == RedisCluster.slot("n2") ? 0 : 1);
            assertThat(writer.counts().moved()).isZero();
        }
        for (int i = 4; i < 300; i++) {
            assertThat(value(cluster, "m" + i)).isEqualTo("v" + i);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(value(cluster, "m" + i)).isNull();
        }
        assertThat(value(cluster, "single")).isEqualTo("1");
        assertThat(value(cluster, "n2")).isEqualTo("b");
        assertThat(value(cluster, "{tx}a")).isEqualTo("1");
        assertThat(value(cluster, "txb")).isEqualTo("2");
        long total = 0;
        for (RedisServer primary : cluster.primaries()) {
            try (Jedis client = primary.client()) {
                total += client.dbSize();
                assertThat(client.dbSize()).as("keys spread over every primary").isPositive();
            }
        }
        assertThat(total).isEqualTo(296 + 1 + 2 + 3);
    }

    @Test
    void eachSlotsShareOfABlockCarriesThatSlotsCheckpointWhichMovesWithTheSlot() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        long[] offsets = {100, 200, 300};
        SlotRoutingWriter.SlotStamp stamp = (slot, block) -> args("HSET",
                new String(SlotCheckpointKeys.forSlot("t1", slot), StandardCharsets.UTF_8), "offset",
                Long.toString(offsets[block]));
        try (SlotRoutingWriter writer = writer(cluster)) {
            SlotRoutingWriter.Outcome outcome = writer.write(List.of(
                    block(args("SET", "a", "1")),
                    block(args("INCR", "a"), args("SET", "b", "2")),
                    block(args("MSET", "b", "3", "c", "4"))), stamp);

            assertThat(outcome.allApplied()).as(outcome.toString()).isTrue();
            assertThat(writer.counts().transactionsSplit()).isEqualTo(RedisCluster.slot("a") == RedisCluster.slot("b")
                    ? 0 : 1);
        }
        assertThat(value(cluster, "a")).isEqualTo("2");
        assertThat(value(cluster, "b")).isEqualTo("3");
        assertThat(checkpoint(cluster, "a")).isEqualTo("200");
        assertThat(checkpoint(cluster, "b")).isEqualTo("300");
        assertThat(checkpoint(cluster, "c")).isEqualTo("300");

        try (SlotRoutingWriter writer = writer(cluster)) {
            int oldOwner = cluster.ownerOf("a").port();
            cluster.moveSlot(RedisCluster.slot("a"), cluster.primaries().stream().filter(p -> p.port() != oldOwner)
                    .findFirst().orElseThrow());
            assertThat(checkpoint(cluster, "a")).as("moved with its slot").isEqualTo("200");
            offsets[0] = 400;

            assertThat(writer.write(List.of(block(args("INCR", "a"))), stamp).allApplied()).isTrue();
            assertThat(writer.counts().moved()).isPositive();
        }
        assertThat(value(cluster, "a")).isEqualTo("3");
        assertThat(checkpoint(cluster, "a")).isEqualTo("400");
    }

    @Test
    void manyTransactionsOnOneKeyInOneCallApplyInOrder() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        List<List<byte[][]>> blocks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            blocks.add(block(args("INCR", "{hot}n"), args("RPUSH", "{hot}log", Integer.toString(i))));
            blocks.add(block(args("SET", "{hot}last", Integer.toString(i))));
        }
        try (SlotRoutingWriter writer = writer(cluster)) {
            assertThat(writer.write(blocks).allApplied()).isTrue();
        }
        try (Jedis owner = cluster.ownerOf("{hot}").client()) {
            assertThat(owner.get("{hot}n")).isEqualTo("500");
            assertThat(owner.lrange("{hot}log", 0, -1))
                    .isEqualTo(IntStream.range(0, 500).mapToObj(Integer::toString).toList());
            assertThat(owner.get("{hot}last")).isEqualTo("499");
        }
    }

    @Test
    void aFlushAllReachesEveryPrimaryBetweenTheWritesAroundIt() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        try (SlotRoutingWriter writer = writer(cluster)) {
            SlotRoutingWriter.Outcome outcome = writer.write(List.of(
                    block(args("MSET", "a", "1", "b", "2", "c", "3", "d", "4")),
                    block(args("FLUSHALL")),
                    block(args("SET", "after", "1"))));

            assertThat(outcome.allApplied()).isTrue();
        }
        long total = 0;
        for (RedisServer primary : cluster.primaries()) {
            try (Jedis client = primary.client()) {
                total += client.dbSize();
            }
        }
        assertThat(total).isOne();
        assertThat(value(cluster, "after")).isEqualTo("1");
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "V7_0", "VALKEY_8_1"})
    void slotsMovedDuringAWriteStreamLoseNothingAndApplyNothingTwice(RedisVersion version) throws Exception {
        RedisCluster cluster = redis.cluster(version);
        WriteStream stream = new WriteStream(cluster);
        CompletableFuture<Integer> steps = CompletableFuture.supplyAsync(stream::run);
        stream.awaitStarted();

        // one slot held half-moved (its counter on the new owner, its log on the old) while the stream writes to it
        RedisCluster.SlotMove halfMoved = cluster.beginSlotMove(RedisCluster.slot(tag(0)), otherPrimary(cluster, 0));
        halfMoved.migrate("c" + tag(0));
        await(() -> stream.counts.asked() > 0 && stream.counts.notReady() > 0);
        halfMoved.finish();
        for (int i = 1; i < KEYS; i += 6) {
            cluster.moveSlot(RedisCluster.slot(tag(i)), otherPrimary(cluster, i));
        }
        stream.stop();

        stream.assertExact(steps.get(2, TimeUnit.MINUTES));
        assertThat(stream.counts.moved()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "V7_0", "VALKEY_8_1"})
    void aPrimaryFailedOverDuringAWriteStreamLosesNothingAndAppliesNothingTwice(RedisVersion version) throws Exception {
        RedisCluster cluster = redis.cluster(version, 3, 1);
        WriteStream stream = new WriteStream(cluster);
        CompletableFuture<Integer> steps = CompletableFuture.supplyAsync(stream::run);
        stream.awaitStarted();

        RedisServer primary = cluster.ownerOf(tag(0));
        cluster.failover(cluster.replicasOf(primary).get(0));
        stream.stop();

        stream.assertExact(steps.get(2, TimeUnit.MINUTES));
        assertThat(stream.counts.moved()).isPositive();
    }

    /**
     * Step n, for every key i: INCR c{i} and RPUSH l{i} n, as one source transaction on even steps, as two commands
     * on odd ones; every tenth step adds one MSET over all keys' m{i}. Exact means c{i} = steps and l{i} = 0..steps-1.
     */
    private final class WriteStream {
        final RedisCluster cluster;
        final AtomicBoolean stopping = new AtomicBoolean();
        final CompletableFuture<Void> started = new CompletableFuture<>();
        SlotRoutingWriter.Counts counts;

        WriteStream(RedisCluster cluster) {
            this.cluster = cluster;
        }

        int run() {
            try (SlotRoutingWriter writer = writer(cluster)) {
                counts = writer.counts();
                int step = 0;
                int after = 0;
                while (after < 20) { // keep writing a while after the change, so stale routes are met
                    List<List<byte[][]>> blocks = new ArrayList<>();
                    List<String> mset = new ArrayList<>(List.of("MSET"));
                    for (int i = 0; i < KEYS; i++) {
                        byte[][] incr = args("INCR", "c" + tag(i));
                        byte[][] push = args("RPUSH", "l" + tag(i), Integer.toString(step));
                        if (step % 2 == 0) {
                            blocks.add(block(incr, push));
                        } else {
                            blocks.add(block(incr));
                            blocks.add(block(push));
                        }
                        mset.addAll(List.of("m" + tag(i), Integer.toString(step)));
                    }
                    if (step % 10 == 0) {
                        blocks.add(block(args(mset.toArray(String[]::new))));
                    }
                    SlotRoutingWriter.Outcome outcome = writer.write(blocks);
                    assertThat(outcome.allApplied()).as("step %d: %s", step, outcome).isTrue();
                    step++;
                    started.complete(null);
                    if (stopping.get()) {
                        after++;
                    }
                }
                return step;
            } catch (Exception e) {
                started.completeExceptionally(e);
                throw new IllegalStateException(e);
            }
        }

        void awaitStarted() throws Exception {
            started.get(1, TimeUnit.MINUTES);
        }

        void stop() {
            stopping.set(true);
        }

        void assertExact(int steps) {
            List<String> expectedLog = IntStream.range(0, steps).mapToObj(Integer::toString).toList();
            for (int i = 0; i < KEYS; i++) {
                try (Jedis owner = cluster.ownerOf(tag(i)).client()) {
                    assertThat(owner.get("c" + tag(i))).as("counter %d", i).isEqualTo(Integer.toString(steps));
                    assertThat(owner.lrange("l" + tag(i), 0, -1)).as("log %d", i).isEqualTo(expectedLog);
                    assertThat(owner.get("m" + tag(i))).isEqualTo(Integer.toString((steps - 1) / 10 * 10));
                }
            }
        }
    }

    private static RedisServer otherPrimary(RedisCluster cluster, int key) {
        int owner = cluster.ownerOf(tag(key)).port();
        List<RedisServer> others = cluster.primaries().stream().filter(p -> p.port() != owner).toList();
        return others.get(key % others.size());
    }

    /** Until the condition holds; the class timeout bounds the wait. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }

    private static String tag(int i) {
        return "{key" + i + "}";
    }

    private static SlotRoutingWriter writer(RedisCluster cluster) throws Exception {
        RedisServer seed = cluster.nodes().get(0);
        return new SlotRoutingWriter(node -> RespConnection.open(RedisEndpoint.of(node.host(), node.port()),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(10)), new ClusterNode(seed.host(), seed.port()));
    }

    private static String value(RedisCluster cluster, String key) {
        try (Jedis owner = cluster.ownerOf(key).client()) {
            return owner.get(key);
        }
    }

    /** The offset in task t1's checkpoint of the key's slot, read on the slot's owner. */
    private static String checkpoint(RedisCluster cluster, String key) {
        int slot = RedisCluster.slot(key);
        try (Jedis owner = cluster.ownerOfSlot(slot).client()) {
            return owner.hget(new String(SlotCheckpointKeys.forSlot("t1", slot), StandardCharsets.UTF_8), "offset");
        }
    }

    /** One source block: a command, or the commands of a source transaction. */
    private static List<byte[][]> block(byte[][]... commands) {
        return List.of(commands);
    }

    private static byte[][] args(String... args) {
        return Arrays.stream(args).map(arg -> arg.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
}
