package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;

/**
 * A standalone source into a 3-primary Redis Cluster through the whole engine (the runner detects the cluster from
 * the target endpoint): exact at the end, compared key by key with each key's primary, while the source takes INCR,
 * RPUSH, MSET across slots, transactions across slots and expiries, and the target reshards, fails over, or the
 * engine is killed and resumed. Counters equal to the source's mean no INCR was applied twice.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterTargetIT {
    private static final Duration SYNCED = Duration.ofSeconds(90);

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V7_0", "V6_2"})
    void syncsExactlyThroughAReshardAndAFailover(RedisVersion version) throws Exception {
        RedisServer source = source(version);
        RedisCluster cluster = redis.cluster(version, 3, 1);
        preload(source, 3000);
        try (SyncHarness sync = harness(source, cluster, "task-1"); Load load = Load.start(source)) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, SYNCED);
            load.awaitRounds(300);
            RedisServer from = cluster.ownerOf("counter:1");
            cluster.moveSlot(RedisCluster.slot("counter:1"),
                    cluster.primaries().stream().filter(p -> p.port() != from.port()).findFirst().orElseThrow());
            load.awaitRounds(300);
            cluster.failover(cluster.replicasOf(cluster.primaries().get(2)).get(0));
            load.awaitRounds(300);
            load.close();

            Progress synced = sync.awaitInSync(SYNCED);
            assertThat(synced.targetKeys().get(0).keys()).isEqualTo(synced.sourceKeys().get(0).keys());
            SyncRunner.Result finished = sync.finish(SYNCED);
            assertThat(finished.summary().targetKeys()).as("counted after the checkpoint keys were removed")
                    .isEqualTo(finished.summary().sourceKeys());
        }
        assertExact(source, cluster);
        assertThat(internalKeys(cluster)).as("the checkpoint keys are removed at FINISH").isEmpty();
    }

    @Test
    void aSourceFlushallMidStreamIsAppliedWithTheWatermark() throws Exception {
        RedisServer source = source(RedisVersion.V7_0);
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        preload(source, 1000);
        try (SyncHarness sync = harness(source, cluster, "task-1"); Load load = Load.start(source)) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, SYNCED);
            load.awaitRounds(300);
            try (Jedis s = source.client()) {
                s.flushAll();
            }
            load.awaitRounds(300);
            load.close();
            sync.awaitInSync(SYNCED);
            assertThat(internalKeys(cluster)).contains(CheckpointKey.forTask("task-1"));
            assertExact(source, cluster);
            sync.finish(SYNCED);
        }
    }

    @Test
    void aKilledEngineResumesFromTheWatermarkAndSkipsWhatEachSlotHolds() throws Exception {
        RedisServer source = source(RedisVersion.V7_0);
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        preload(source, 1000);
        try (Load load = Load.start(source)) {
            try (ChildSync child = ChildSync.start(source, cluster.primaries().get(0), spool.resolve("first"),
                    "task-1")) {
                child.awaitLine("INCREMENTAL", SYNCED);
                load.awaitRounds(1000);
                child.kill();
            }
            load.awaitRounds(300);
            try (SyncHarness sync = harness(source, cluster, "task-1")) {
                Progress resumed = sync.awaitReport(p -> p.lastEvent() != null, SYNCED);
                assertThat(resumed.lastEvent().kind()).isEqualTo("resume");
                load.awaitRounds(300);
                load.close();
                sync.awaitInSync(SYNCED);
                assertThat(sync.reports.stream().noneMatch(p -> p.phase() == SyncPhase.FULL_SYNC)).isTrue();
                sync.finish(SYNCED);
            }
        }
        assertExact(source, cluster);
    }

    /**
     * The state a crash leaves between a call's answers and its watermark, made wide: the watermark is set back by
     * 50 KB of stream after the engine is killed, so the slots hold stamps well beyond it, and one of them is moved to
     * another primary meanwhile. The next engine replays from the old watermark and must skip, slot by slot, what the
     * stamps cover: an INCR applied twice would show in the counters.
     */
    @Test
    void sharesEachSlotAlreadyHoldsAreSkippedWhenTheWatermarkLagsTheStamps() throws Exception {
        RedisServer source = source(RedisVersion.V7_0);
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        preload(source, 1000);
        String watermark = CheckpointKey.forTask("task-1");
        try (Load load = Load.start(source); Jedis owner = cluster.ownerOf(watermark).client()) {
            String earlier;
            try (ChildSync child = ChildSync.start(source, cluster.primaries().get(0), spool.resolve("first"),
                    "task-1")) {
                child.awaitLine("INCREMENTAL", SYNCED);
                earlier = Long.toString(awaitWatermarkPast(owner, watermark, 0));
                awaitWatermarkPast(owner, watermark, Long.parseLong(earlier) + 50_000);
                child.kill();
            }
            owner.hset(watermark, "offset", earlier);
            int slot = RedisCluster.slot("counter:1"); // written every 50 rounds: its stamp is past the watermark
            RedisServer from = cluster.ownerOfSlot(slot);
            cluster.moveSlot(slot, cluster.primaries().stream().filter(p -> p.port() != from.port()).findFirst()
                    .orElseThrow()); // its stamp moves with it while no engine runs
            try (SyncHarness sync = harness(source, cluster, "task-1")) {
                Progress resumed = sync.awaitReport(p -> p.lastEvent() != null, SYNCED);
                assertThat(resumed.lastEvent().kind()).isEqualTo("resume");
                assertThat(resumed.lastEvent().reason()).contains("continuing from offset " + earlier + " ");
                load.awaitRounds(300);
                load.close();
                sync.awaitInSync(SYNCED);
                sync.finish(SYNCED);
            }
        }
        assertExact(source, cluster);
    }

    /** Waits until the watermark's offset passes {@code offset}; returns it. */
    private static long awaitWatermarkPast(Jedis owner, String watermark, long offset) throws InterruptedException {
        long deadline = System.nanoTime() + SYNCED.toNanos();
        while (System.nanoTime() < deadline) {
            String current = owner.hget(watermark, "offset");
            if (current != null && Long.parseLong(current) > offset) {
                return Long.parseLong(current);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the watermark did not pass offset " + offset + " within " + SYNCED);
    }

    @Test
    void aKilledSnapshotIsFlushedAndRedone() throws Exception {
        RedisServer source = source(RedisVersion.V7_0);
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        preload(source, 60_000);
        try (Load load = Load.start(source)) {
            try (ChildSync child = ChildSync.start(source, cluster.primaries().get(0), spool.resolve("first"),
                    "task-1")) {
                long deadline = System.nanoTime() + SYNCED.toNanos();
                while (targetKeys(cluster) < 6_000 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                child.kill();
            }
            assertThat(targetKeys(cluster)).as("killed during the snapshot").isBetween(6_000L, 59_000L);
            try (SyncHarness sync = harness(source, cluster, "task-1")) {
                Progress resynced = sync.awaitReport(p -> p.lastEvent() != null, SYNCED);
                assertThat(resynced.lastEvent().kind()).isEqualTo("resync");
                assertThat(resynced.lastEvent().reason()).contains("stopped during the snapshot");
                load.awaitRounds(300);
                load.close();
                sync.awaitInSync(SYNCED);
                sync.finish(SYNCED);
            }
        }
        assertExact(source, cluster);
    }

    /**
     * The state a crash leaves while a source FLUSHALL is applied: every primary but the watermark's flushed, the
     * watermark still the old one. The next engine replays from there, flushing again.
     */
    @Test
    void aCrashBetweenTheOtherPrimariesFlushAndTheWatermarksResumesExactly() throws Exception {
        RedisServer source = source(RedisVersion.V7_0);
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        preload(source, 1000);
        try (Load load = Load.start(source)) {
            try (ChildSync child = ChildSync.start(source, cluster.primaries().get(0), spool.resolve("first"),
                    "task-1")) {
                child.awaitLine("INCREMENTAL", SYNCED);
                load.awaitRounds(300);
                child.kill();
            }
            RedisServer watermarkOwner = cluster.ownerOf(CheckpointKey.forTask("task-1"));
            load.awaitRounds(200);
            try (Jedis s = source.client()) {
                s.flushAll();
            }
            for (RedisServer primary : cluster.primaries()) {
                if (primary.port() != watermarkOwner.port()) {
                    try (Jedis p = primary.client()) {
                        p.flushAll();
                    }
                }
            }
            load.awaitRounds(300);
            try (SyncHarness sync = harness(source, cluster, "task-1")) {
                Progress resumed = sync.awaitReport(p -> p.lastEvent() != null, SYNCED);
                assertThat(resumed.lastEvent().kind()).isEqualTo("resume");
                load.awaitRounds(300);
                load.close();
                sync.awaitInSync(SYNCED);
                sync.finish(SYNCED);
            }
        }
        assertExact(source, cluster);
    }

    private RedisServer source(RedisVersion version) {
        return redis.start(version, RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0"));
    }

    private SyncHarness harness(RedisServer source, RedisCluster cluster, String dir) {
        return new SyncHarness(SyncHarness.endpoint(source), SyncHarness.endpoint(cluster.primaries().get(0)),
                SyncSettings.defaults().withSpoolDir(spool.resolve(dir + "-" + System.nanoTime())),
                new LocalSecretResolver());
    }

    /** Strings (some with a TTL), hashes, sets, sorted sets and lists, spread over every slot range. */
    private static void preload(RedisServer source, int keys) {
        try (Jedis s = source.client(); Pipeline p = s.pipelined()) {
            for (int i = 0; i < keys; i++) {
                switch (i % 6) {
                    case 0 -> p.set("s:" + i, "v" + i);
                    case 1 -> p.setex("t:" + i, 3600, "v" + i);
                    case 2 -> p.hset("h:" + i, "f", "v" + i);
                    case 3 -> p.sadd("set:" + i, "a", "b" + i);
                    case 4 -> p.zadd("z:" + i, i, "m");
                    default -> p.rpush("l:" + i, "a", "b");
                }
                if (i % 1000 == 999) {
                    p.sync();
                }
            }
            p.sync();
        }
    }

    private static void assertExact(RedisServer source, RedisCluster cluster) {
        List<Jedis> primaries = new ArrayList<>();
        try (Jedis s = source.client()) {
            cluster.primaries().forEach(primary -> primaries.add(primary.client()));
            assertThat(KeyspaceComparison.clusterDifferences(s, primaries)).isEmpty();
        } finally {
            primaries.forEach(Jedis::close);
        }
    }

    private static List<String> internalKeys(RedisCluster cluster) {
        List<String> keys = new ArrayList<>();
        for (RedisServer primary : cluster.primaries()) {
            try (Jedis p = primary.client()) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    var page = p.scan(cursor, new ScanParams().match(CheckpointKey.INTERNAL_PREFIX + "*").count(1000));
                    keys.addAll(page.getResult());
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
        return keys;
    }

    private static long targetKeys(RedisCluster cluster) {
        long keys = 0;
        for (RedisServer primary : cluster.primaries()) {
            try (Jedis p = primary.client()) {
                keys += p.dbSize();
            }
        }
        return keys;
    }

    /**
     * An application writing to the source: INCR on counters, RPUSH, MSET of keys in different slots, a transaction
     * over two slots, SET with a TTL and EXPIRE, about a thousand rounds a second.
     */
    private static final class Load implements AutoCloseable {
        private final RedisServer source;
        private final AtomicLong rounds = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;

        private Load(RedisServer source) {
            this.source = source;
            this.thread = new Thread(this::run, "cluster-load");
        }

        static Load start(RedisServer source) {
            Load load = new Load(source);
            load.thread.start();
            return load;
        }

        void awaitRounds(long more) throws Exception {
            long wanted = rounds.get() + more;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rounds.get() < wanted) {
                if (failure != null) {
                    throw failure;
                }
                assertThat(System.nanoTime()).as("load rounds within 30 s").isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        private void run() {
            try (Jedis s = source.client()) {
                for (long n = 0; running; n++) {
                    s.incr("counter:" + n % 50);
                    s.rpush("list:" + n % 20, Long.toString(n));
                    s.mset("m:" + n % 100, Long.toString(n), "m:" + (n + 37) % 100, Long.toString(n));
                    Transaction tx = s.multi();
                    tx.incr("tx:a" + n % 10);
                    tx.incr("tx:b" + n % 10);
                    tx.exec();
                    s.setex("e:" + n % 30, 600, Long.toString(n));
                    if (n % 5 == 0) {
                        s.expire("list:" + n % 20, 3600);
                    }
                    rounds.incrementAndGet();
                    if (n % 10 == 0) {
                        Thread.sleep(5);
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }
    }
}
