package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.shard.ShardedSyncRunner;
import dev.redismigrate.sync.shard.SourceShard;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Transaction;

/**
 * A Redis Cluster source (three primaries) into one standalone target or a cluster of four primaries: one replication
 * sync per shard, while an application writes keys of every shard; the target ends exact. A run stopped mid-stream
 * resumes each shard from its own checkpoint, and a shard that must be copied again (or whose primary is flushed)
 * erases only its own slots' keys. Each shard may also run alone (one request per shard, as the cloud runs a container
 * per shard), beside the others or resumed on its own.
 */
class ClusterSourceIT {
    private static final String TASK = "task-1";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyShardIsCopiedWhileTheApplicationWrites() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        fill(cluster, "base:", 3000);
        try (Writes writes = new Writes(cluster);
             SyncHarness sync = new SyncHarness(runner(), request(cluster.nodes().get(1), target, false));
             Jedis t = target.client()) {
            Progress inSync = inSyncAfterWrites(sync, writes, 3000);
            assertThat(inSync.sourceKeys().get(0).keys()).isEqualTo(keys(cluster));
            assertThat(t.keys(CheckpointKey.PREFIX + "*")).hasSize(3);
            // a node's FLUSHALL empties its own shard: on the target, only that shard's keys go
            try (Jedis second = cluster.primaries().get(1).client()) {
                second.flushAll();
            }
            sync.awaitReport(p -> p.inSync() && p.sourceKeys().get(0).keys() == keys(cluster),
                    Duration.ofSeconds(30));

            SyncRunner.Result result = sync.finish(Duration.ofSeconds(60));

            assertThat(result.stoppedBy()).isEqualTo(DesiredState.FINISH);
            assertThat(sync.last().phase()).isEqualTo(SyncPhase.STOPPED);
            assertThat(KeyspaceComparison.differences(primaries(cluster), List.of(t))).isEmpty();
            assertThat(t.keys(CheckpointKey.INTERNAL_PREFIX + "*")).isEmpty();
        }
    }

    /**
     * The caller giving up from its progress consumer (in the container: a heartbeat refused because a successor took
     * over) ends the run with that very exception, and every shard's sync stops with it instead of writing on unwatched.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCallerGivingUpFromItsProgressConsumerStopsEveryShard() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        fill(cluster, "base:", 300);
        IllegalStateException givenUp = new IllegalStateException("the caller gave up");
        SyncRunner.Control running = new SyncRunner.Control() {
            @Override
            public DesiredState desired() {
                return DesiredState.RUN;
            }

            @Override
            public boolean readyToStop(Progress drained) {
                return false;
            }
        };

        assertThatThrownBy(() -> runner().run(request(cluster.nodes().get(0), target, false), running, progress -> {
            if (progress.phase() == SyncPhase.INCREMENTAL) {
                throw givenUp;
            }
        })).isSameAs(givenUp);

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.isAlive()
                && thread.getName().startsWith("shard-") && thread.getName().endsWith("-" + TASK));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aStoppedRunResumesEachShardAndCopiesAgainOnlyTheShardThatLostItsCheckpoint() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        fill(cluster, "base:", 3000);
        RedisServer first = cluster.primaries().get(0);
        String firstShardCheckpoint = CheckpointKey.forTask(TASK + "/0-5460");
        try (Jedis t = target.client()) {
            try (Writes writes = new Writes(cluster);
                 SyncHarness sync = new SyncHarness(runner(), request(first, target, false))) {
                sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(60));
                writes.awaitMore(2000, Duration.ofSeconds(30));
                assertThat(sync.interrupt(Duration.ofSeconds(60))).isInstanceOf(SyncFailedException.class);
            }
            assertThat(t.keys(CheckpointKey.PREFIX + "*")).hasSize(3).contains(firstShardCheckpoint);
            // the first shard's copy cannot be continued (as if its checkpoint were lost), and while no sync runs
            // some of its keys are deleted on the source: the copy again must erase them, and only them
            t.del(firstShardCheckpoint);
            try (Jedis owner = first.client()) {
                owner.keys("base:*").stream().limit(200).forEach(owner::del);
            }
            try (Writes writes = new Writes(cluster);
                 SyncHarness sync = new SyncHarness(runner(), request(first, target, true))) {
                inSyncAfterWrites(sync, writes, 2000);
                List<SyncEvent> events = events(sync);
                assertThat(events).filteredOn(e -> e.kind().equals("resync")).hasSize(1)
                        .allMatch(e -> e.reason().startsWith("shard 0-5460 "));
                assertThat(events).filteredOn(e -> e.kind().equals("resume")).hasSize(2)
                        .noneMatch(e -> e.reason().startsWith("shard 0-5460 "));
                // each shard's own report, as its container would save it, keeps its own resume or resync
                assertThat(sync.shardReports).hasSize(3).allSatisfy((id, report) -> assertThat(report.lastResume()
                        .reason()).startsWith("shard " + id + " "));
                assertThat(sync.shardReports.get("0-5460").lastResume().kind()).isEqualTo("resync");
                sync.finish(Duration.ofSeconds(60));
            }
            assertThat(KeyspaceComparison.differences(primaries(cluster), List.of(t))).isEmpty();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFailoverOnTheSourceStopsTheSyncAndTheResumedRunContinuesAtTheNewPrimary() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 1);
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        fill(cluster, "base:", 3000);
        RedisServer oldPrimary = cluster.primaries().get(0);
        try (Writes writes = new Writes(cluster);
             SyncHarness sync = new SyncHarness(runner(), request(oldPrimary, target, false))) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(60));
            writes.awaitMore(2000, Duration.ofSeconds(30));

            cluster.failover(cluster.replicasOf(oldPrimary).get(0));

            assertThatThrownBy(() -> sync.await(Duration.ofSeconds(60))).isInstanceOf(SyncFailedException.class)
                    .hasMessageStartingWith("the source cluster changed during the migration (slot 0 was served by"
                            + " 127.0.0.1:" + oldPrimary.port() + " when the migration started")
                    .hasMessageContaining("After a failover, resume the task");
        }
        try (Writes writes = new Writes(cluster);
             SyncHarness sync = new SyncHarness(runner(), request(oldPrimary, target, true));
             Jedis t = target.client()) {
            inSyncAfterWrites(sync, writes, 2000);
            List<SyncEvent> events = events(sync);
            assertThat(events).extracting(SyncEvent::kind).doesNotContain("resync");
            assertThat(events).filteredOn(e -> e.kind().equals("resume")).hasSize(3);
            sync.finish(Duration.ofSeconds(60));
            assertThat(KeyspaceComparison.differences(primaries(cluster), List.of(t))).isEmpty();
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void threeShardsIntoFourPrimariesWhileTheApplicationWritesAndOnePrimaryIsFlushed() throws Exception {
        RedisCluster source = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisCluster target = redis.cluster(RedisVersion.V7_0, 4, 0);
        fill(source, "base:", 3000);
        try (Writes writes = new Writes(source);
             SyncHarness sync = new SyncHarness(runner(), request(source.nodes().get(0), target.nodes().get(3),
                     false))) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(60));
            writes.awaitMore(2000, Duration.ofSeconds(30));
            // a node's FLUSHALL empties its own shard: on the target, only that shard's slots are erased; in a
            // transaction (of one slot), what it wrote before the flush goes too, what it wrote after stays
            String tag = "{" + keyOfSlots("flush-", 5461, 10922) + "}";
            try (Jedis second = source.primaries().get(1).client()) {
                Transaction flush = second.multi();
                flush.set(tag + "before", "gone");
                flush.sendCommand(Protocol.Command.FLUSHALL, new String[0]);
                flush.set(tag + "after", "kept");
                flush.exec();
            }
            Progress inSync = inSyncAfterWrites(sync, writes, 2000);
            assertThat(inSync.targetKeys().get(0).keys()).isEqualTo(keys(source));
            assertThat(keysOf(target, "base:*")).as("the other shards' keys stay")
                    .isEqualTo(keysOf(source, "base:*")).isGreaterThan(1500);
            assertThat(keysOf(target, tag + "*")).as("the key written after the flush").isEqualTo(1);

            assertThat(sync.finish(Duration.ofSeconds(60)).stoppedBy()).isEqualTo(DesiredState.FINISH);
        }
        assertExactWithoutInternalKeys(source, target);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void eachShardRunsAloneBesideTheOthersAndOneStoppedResumesAlone() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        fill(cluster, "base:", 3000);
        RedisServer seed = cluster.nodes().get(0);
        List<SyncShard> shards = syncs(cluster);
        assertThat(shards).hasSize(3).first().extracting(SyncShard::id).isEqualTo("0-5460");
        SyncShard alone = shards.get(1);
        assertThatThrownBy(() -> runAlone(request(seed, target, false, new SyncShard("0-4000", null, null))))
                .isInstanceOf(SyncFailedException.class)
                .hasMessageStartingWith("shard 0-4000 is not in the source cluster's layout now, whose primaries"
                        + " serve 0-5460 (127.0.0.1:" + cluster.ownerOfSlot(0).port() + ")");
        assertThatThrownBy(() -> runAlone(request(target, target, false, shards.get(0))))
                .isInstanceOf(SyncFailedException.class)
                .hasMessageStartingWith("the sync of shard 0-5460 needs a Redis Cluster source");

        List<SyncHarness> syncs = new ArrayList<>();
        try (Writes writes = new Writes(cluster); Jedis t = target.client()) {
            for (SyncShard shard : shards) {
                syncs.add(new SyncHarness(runner(), request(seed, target, false, shard)));
            }
            for (SyncHarness sync : syncs) {
                sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(90));
            }
            writes.awaitMore(2000, Duration.ofSeconds(30));
            SyncHarness stopped = syncs.get(1);
            assertThat(stopped.interrupt(Duration.ofSeconds(60))).isInstanceOf(SyncFailedException.class);
            assertThat(t.exists(CheckpointKey.forTask(alone.syncKey(TASK)))).isTrue();
            writes.awaitMore(2000, Duration.ofSeconds(30));
            SyncHarness resumed = new SyncHarness(runner(), request(seed, target, true, alone));
            syncs.set(1, resumed);
            resumed.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(60));
            writes.awaitMore(2000, Duration.ofSeconds(30));
            writes.close();
            for (SyncHarness sync : syncs) {
                sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL && p.lagBytes() == 0, Duration.ofSeconds(60));
            }
            // each run reports its own shard's source keys and the whole target's: their combination is in sync
            List<Progress> latest = new ArrayList<>();
            for (SyncHarness sync : syncs) {
                latest.add(sync.awaitReport(p -> p.lagBytes() == 0, Duration.ofSeconds(30)));
            }
            assertThat(latest.stream().mapToLong(p -> p.sourceKeys().get(0).keys()).sum()).isEqualTo(keys(cluster));
            assertThat(latest.get(2).targetKeys().get(0).keys()).isEqualTo(keys(cluster));
            assertThat(events(resumed)).allMatch(e -> e.reason().startsWith("shard " + alone.id() + " "))
                    .filteredOn(e -> e.kind().equals("resume")).hasSize(1);
            assertThat(events(resumed)).extracting(SyncEvent::kind).doesNotContain("resync");

            for (SyncHarness sync : syncs) {
                assertThat(sync.finish(Duration.ofSeconds(60)).stoppedBy()).isEqualTo(DesiredState.FINISH);
            }
            assertThat(KeyspaceComparison.differences(primaries(cluster), List.of(t))).isEmpty();
            assertThat(t.keys(CheckpointKey.INTERNAL_PREFIX + "*")).isEmpty();
        } finally {
            syncs.forEach(SyncHarness::close);
        }
    }

    /** A run that is expected to end at once (here: to fail before any shard starts). */
    private SyncRunner.Result runAlone(SyncRunner.Request request) throws Exception {
        try (SyncHarness sync = new SyncHarness(runner(), request)) {
            return sync.await(Duration.ofSeconds(30));
        }
    }

    /** The shards as validation lists them: each primary's first slot range, address and slot ranges. */
    private static List<SyncShard> syncs(RedisCluster cluster) {
        try (Jedis node = cluster.nodes().get(0).client()) {
            return SourceShard.of(SlotMap.parse(node.clusterSlots(), "127.0.0.1").orElseThrow()).stream()
                    .map(shard -> new SyncShard(shard.id(), shard.primary().address(), shard.ranges())).toList();
        }
    }

    /**
     * Into a cluster target, one shard copied again (its checkpoint lost) erases only its own slots on every primary,
     * and so does an attempt that resumes an erase cut short by a crash: of a resync (the watermark says
     * {@code state snapshot}, part of the shard's keys erased) or of a {@code FLUSHALL} in the shard's stream (the
     * watermark still before the flush, part of the shard's keys erased). Meanwhile the source lost keys of each
     * shard, which the erase must remove from the target. The third shard's watermark hashes into the second shard's
     * slots: the second shard's erase leaves it, or the third would be copied again too.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void intoATargetClusterAShardIsCopiedAgainAloneAndAnEraseCutShortIsRedone() throws Exception {
        RedisCluster source = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisCluster target = redis.cluster(RedisVersion.V7_0, 4, 0);
        fill(source, "base:", 3000);
        try (Writes writes = new Writes(source);
             SyncHarness sync = new SyncHarness(runner(), request(source.nodes().get(0), target.nodes().get(3),
                     false))) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(60));
            writes.awaitMore(2000, Duration.ofSeconds(30));
            assertThat(sync.interrupt(Duration.ofSeconds(60))).isInstanceOf(SyncFailedException.class);
        }
        try (JedisCluster t = client(target)) {
            // the first shard's checkpoint is lost: it is copied again
            t.del(CheckpointKey.forTask(TASK + "/0-5460"));
            // the second shard's resync died while erasing: state snapshot written first, half its keys erased
            t.hset(CheckpointKey.forTask(TASK + "/5461-10921"), "state", "snapshot");
            eraseHalf(target, 5461, 10922);
            // the third shard's primary was flushed, and the flush's erase on the target died half way
            try (Jedis third = source.primaries().get(2).client()) {
                third.flushAll();
            }
            eraseHalf(target, 10922, RedisCluster.SLOTS);
        }
        for (RedisServer primary : source.primaries().subList(0, 2)) {
            try (Jedis owner = primary.client()) {
                owner.keys("base:*").stream().limit(200).forEach(owner::del);
            }
        }
        try (Writes writes = new Writes(source);
             SyncHarness sync = new SyncHarness(runner(), request(source.nodes().get(0), target.nodes().get(3),
                     true))) {
            inSyncAfterWrites(sync, writes, 2000);
            List<SyncEvent> events = events(sync);
            assertThat(events).as(events.toString()).filteredOn(e -> e.kind().equals("resync"))
                    .extracting(e -> e.reason().split(" ")[1]).containsExactlyInAnyOrder("0-5460", "5461-10921");
            assertThat(events).as(events.toString()).filteredOn(e -> e.kind().equals("resume"))
                    .extracting(e -> e.reason().split(" ")[1]).containsExactly("10922-16383");
            sync.finish(Duration.ofSeconds(60));
        }
        assertExactWithoutInternalKeys(source, target);
    }

    /**
     * The engine killed ({@code kill -9} of a child JVM) while it erases a shard's slots on a cluster target for the
     * shard's copy again: the next run copies the shard again, erasing what the killed one left, and ends exact.
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void intoATargetClusterAShardKilledWhileItsSlotsAreErasedIsCopiedAgain() throws Exception {
        RedisCluster source = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisCluster target = redis.cluster(RedisVersion.V7_0, 4, 0);
        fill(source, "base:", 3000);
        int bulk = fillFirstShard(source.primaries().get(0), 60_000);
        try (SyncHarness sync = new SyncHarness(runner(), request(source.nodes().get(0), target.nodes().get(3),
                false))) {
            sync.awaitInSync(Duration.ofSeconds(120));
            assertThat(sync.interrupt(Duration.ofSeconds(60))).isInstanceOf(SyncFailedException.class);
        }
        try (JedisCluster t = client(target)) {
            t.del(CheckpointKey.forTask(TASK + "/0-5460")); // its checkpoint lost: the shard is copied again
        }
        long before = keys(target);
        List<Jedis> watched = primaries(target);
        try (ChildSync child = ChildSync.start(source.nodes().get(0), target.nodes().get(3), spool.resolve("child"),
                TASK, true)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (watched.stream().mapToLong(Jedis::dbSize).sum() > before - 3_000 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            child.kill();
            assertThat(child.output()).as("killed before the erase ended").doesNotContain("keys of the shard's");
        } finally {
            watched.forEach(Jedis::close);
        }
        assertThat(keys(target)).as("part of the shard erased").isBetween(before - bulk, before - 3_000);
        try (Writes writes = new Writes(source);
             SyncHarness sync = new SyncHarness(runner(), request(source.nodes().get(0), target.nodes().get(3),
                     true))) {
            inSyncAfterWrites(sync, writes, 2000);
            assertThat(events(sync)).filteredOn(e -> e.kind().equals("resync")).extracting(SyncEvent::reason)
                    .singleElement().asString().startsWith("shard 0-5460 ").contains("stopped during the snapshot");
            sync.finish(Duration.ofSeconds(60));
        }
        assertThat(KeyspaceComparison.differences(primaries(source), primaries(target))).isEmpty();
    }

    /** Writes {@code count} small strings of the first shard's slots (0-5460) on its primary; returns the count. */
    private static int fillFirstShard(RedisServer primary, int count) {
        try (Jedis client = primary.client(); Pipeline pipeline = client.pipelined()) {
            int written = 0;
            for (long i = 0; written < count; i++) {
                String key = "bulk:" + i;
                if (RedisCluster.slot(key) <= 5460) {
                    pipeline.set(key, "v");
                    if (++written % 1000 == 0) {
                        pipeline.sync();
                    }
                }
            }
            pipeline.sync();
            return written;
        }
    }

    /** The first key {@code prefix<n>} whose slot is in {@code from} to {@code to} (exclusive). */
    private static String keyOfSlots(String prefix, int from, int to) {
        for (int i = 0; ; i++) {
            int slot = RedisCluster.slot(prefix + i);
            if (slot >= from && slot < to) {
                return prefix + i;
            }
        }
    }

    /**
     * Deletes every other data key of slots {@code from} to {@code to} (exclusive) on the cluster, as an erase cut short
     * leaves them; our keys stay (the erase never removes a watermark, and had not reached these stamps yet).
     */
    private static void eraseHalf(RedisCluster cluster, int from, int to) {
        for (Jedis primary : primaries(cluster)) {
            List<String> keys = primary.keys("*").stream()
                    .filter(key -> RedisCluster.slot(key) >= from && RedisCluster.slot(key) < to)
                    .filter(key -> !key.startsWith(CheckpointKey.INTERNAL_PREFIX)).toList();
            for (int i = 0; i < keys.size(); i += 2) {
                primary.del(keys.get(i));
            }
            primary.close();
        }
    }

    /** Once the stream is reached, the application writes {@code count} more and stops: the report once caught up. */
    private static Progress inSyncAfterWrites(SyncHarness sync, Writes writes, int count) throws Exception {
        sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(60));
        writes.awaitMore(count, Duration.ofSeconds(30));
        writes.close();
        return sync.awaitInSync(Duration.ofSeconds(60));
    }

    /** Every event the run reported, each once. */
    private static List<SyncEvent> events(SyncHarness sync) {
        return sync.reports.stream().map(Progress::lastEvent).filter(Objects::nonNull).distinct().toList();
    }

    private ShardedSyncRunner runner() {
        return new ShardedSyncRunner(new LocalSecretResolver(), SyncSettings.defaults().withSpoolDir(spool));
    }

    private static SyncRunner.Request request(RedisServer sourceNode, RedisServer target, boolean resumed) {
        return request(sourceNode, target, resumed, SyncShard.WHOLE);
    }

    private static SyncRunner.Request request(RedisServer sourceNode, RedisServer target, boolean resumed,
                                              SyncShard shard) {
        return new SyncRunner.Request(TASK, SyncHarness.endpoint(sourceNode), SyncHarness.endpoint(target), resumed,
                shard);
    }

    private static void fill(RedisCluster cluster, String prefix, int count) {
        try (JedisCluster client = client(cluster)) {
            for (int i = 0; i < count; i++) {
                switch (i % 4) {
                    case 0 -> client.set(prefix + i, "value-" + i);
                    case 1 -> client.hset(prefix + i, "field", "v" + i);
                    case 2 -> client.rpush(prefix + i, "a", "b", "c");
                    default -> client.setex(prefix + i, 600, "expiring-" + i);
                }
            }
        }
    }

    private static long keys(RedisCluster cluster) {
        return keysOf(cluster, Jedis::dbSize);
    }

    private static long keysOf(RedisCluster cluster, String pattern) {
        return keysOf(cluster, primary -> primary.keys(pattern).size());
    }

    private static long keysOf(RedisCluster cluster, ToLongFunction<Jedis> count) {
        List<Jedis> primaries = primaries(cluster);
        try {
            return primaries.stream().mapToLong(count).sum();
        } finally {
            primaries.forEach(Jedis::close);
        }
    }

    /** The target cluster holds exactly the source's data, and none of redis-migrate's own keys is left. */
    private static void assertExactWithoutInternalKeys(RedisCluster source, RedisCluster target) {
        List<Jedis> sources = primaries(source);
        List<Jedis> targets = primaries(target);
        try {
            assertThat(KeyspaceComparison.differences(sources, targets)).isEmpty();
            targets.forEach(primary -> assertThat(primary.keys(CheckpointKey.INTERNAL_PREFIX + "*")).isEmpty());
        } finally {
            sources.forEach(Jedis::close);
            targets.forEach(Jedis::close);
        }
    }

    private static List<Jedis> primaries(RedisCluster cluster) {
        return cluster.primaries().stream().map(RedisServer::client).toList();
    }

    private static JedisCluster client(RedisCluster cluster) {
        RedisServer node = cluster.nodes().get(0);
        return new JedisCluster(new HostAndPort(node.host(), node.port()));
    }

    /** An application writing to keys of every shard (counters, lists, strings) until closed. */
    private static final class Writes implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong done = new AtomicLong();
        private final Thread thread;

        Writes(RedisCluster cluster) {
            thread = new Thread(() -> {
                try (JedisCluster client = client(cluster)) {
                    for (long i = 0; running.get(); i++) {
                        client.incr("counter:" + i % 64);
                        client.rpush("list:" + i % 16, Long.toString(i));
                        client.set("key:" + i % 1000, Long.toString(i));
                        done.addAndGet(3);
                    }
                }
            }, "cluster-writes");
            thread.setDaemon(true);
            thread.start();
        }

        void awaitMore(long count, Duration timeout) throws InterruptedException {
            long wanted = done.get() + count;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (done.get() < wanted && thread.isAlive()) {
                assertThat(System.nanoTime()).as("writes within " + timeout).isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(done.get()).as("writes (the writer stopped early)").isGreaterThanOrEqualTo(wanted);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }
    }
}
