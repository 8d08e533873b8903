package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** The command stream's special cases: scripts and functions, database moves, and stopping. */
class StreamSemanticsIT {
    private static final String LIBRARY = "#!lua name=migratelib\n"
            + "redis.register_function('bump', function(keys, args) return redis.call('INCR', keys[1]) end)";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    private RedisServer source() {
        return redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void luaScriptsApplyAtomicallyAndFunctionsArrive() throws Exception {
        RedisServer source = source();
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis s = source.client()) {
            s.functionLoad(LIBRARY);
            s.set("counter", "10");
        }
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             Jedis s = source.client(); Jedis t = target.client(); Jedis checker = target.client()) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            assertThat(t.functionList()).hasSize(1);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger torn = new AtomicInteger();
            AtomicInteger observed = new AtomicInteger();
            Thread check = new Thread(() -> {
                while (writing.get()) {
                    List<String> values = checker.mget("k1", "k2", "k3", "k4", "k5");
                    if (new HashSet<>(values).size() > 1) {
                        torn.incrementAndGet();
                    }
                    observed.incrementAndGet();
                }
            });
            check.start();
            String script = "for i = 1, 5 do redis.call('SET', 'k' .. i, ARGV[1]) end return 1";
            for (int i = 0; i < 2000; i++) {
                s.eval(script, 0, Integer.toString(i));
                if (i % 100 == 0) {
                    s.fcall("bump", List.of("counter"), List.of());
                }
            }
            s.functionLoad("#!lua name=laterlib\nredis.register_function('noop', function() return 1 end)");
            sync.awaitInSync(Duration.ofSeconds(30));
            writing.set(false);
            check.join();

            assertThat(observed.get()).isGreaterThan(10);
            assertThat(torn.get()).as("reads that saw a script half applied").isZero();
            assertThat(t.get("k5")).isEqualTo("1999");
            assertThat(t.get("counter")).isEqualTo("30");
            assertThat(t.functionList()).hasSize(2);
            assertThat(sync.finish(Duration.ofSeconds(30)).stoppedBy()).isEqualTo(DesiredState.FINISH);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void databaseCommandsAreFollowed() throws Exception {
        RedisServer source = source();
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis s = source.client()) {
            for (int db = 0; db < 4; db++) {
                s.select(db);
                for (int i = 0; i < 50; i++) {
                    s.set("db" + db + ":" + i, "v");
                }
            }
        }
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             Jedis s = source.client(); Jedis t = target.client()) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            s.swapDB(0, 1);
            s.select(1);
            s.move("db0:1", 3);
            s.select(2);
            s.flushDB();
            s.select(0);
            s.set("after-swap", "x");
            s.swapDB(1, 3);
            s.select(1);
            s.expire("db0:2", 100);
            Progress inSync = sync.awaitInSync(Duration.ofSeconds(30));
            assertThat(inSync.targetKeys()).isEqualTo(inSync.sourceKeys());
            assertThat(sync.finish(Duration.ofSeconds(30)).stoppedBy()).isEqualTo(DesiredState.FINISH);
            assertThat(KeyspaceComparison.differences(s, t, 0, 1, 2, 3)).isEmpty();
            Set<String> leftovers = new HashSet<>();
            for (int db = 0; db < 4; db++) {
                t.select(db);
                leftovers.addAll(t.keys(CheckpointKey.INTERNAL_PREFIX + "*"));
            }
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cancelStopsDuringTheSnapshotAndProgressIsSane() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("repl-diskless-sync", "no"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis s = source.client()) {
            Pipeline p = s.pipelined();
            for (int i = 0; i < 300_000; i++) {
                p.set("key:" + i, "some value of a realistic size: " + i);
            }
            p.sync();
        }
        try (SyncHarness sync = new SyncHarness(source, target, spool)) {
            sync.awaitReport(p -> p.phase() == SyncPhase.FULL_SYNC, Duration.ofSeconds(30));
            target.pause(); // the snapshot stalls half applied, as on a slow target
            Progress full;
            try {
                full = sync.awaitReport(p -> p.phase() == SyncPhase.FULL_SYNC && p.snapshotBytesTotal() > 0
                        && p.snapshotBytesReceived() == p.snapshotBytesTotal(), Duration.ofSeconds(30));
                sync.desired.set(DesiredState.CANCEL);
                Thread.sleep(1500);
            } finally {
                target.resume();
            }
            assertThat(full.snapshotBytesApplied()).isLessThan(full.snapshotBytesTotal());
            assertThat(full.replId()).hasSize(40);
            assertThat(full.appliedOffset()).isEqualTo(-1);
            assertThat(full.lagMillis()).isPositive();
            assertThat(full.sourceKeys().get(0).keys()).isEqualTo(300_000);

            SyncRunner.Result result = sync.await(Duration.ofSeconds(10));
            assertThat(result.stoppedBy()).isEqualTo(DesiredState.CANCEL);
            assertThat(result.summary().keysApplied()).isLessThan(300_000L);
            assertThat(sync.last().phase()).isEqualTo(SyncPhase.STOPPED);
        }
        try (Jedis t = target.client()) {
            assertThat(t.exists(CheckpointKey.forTask("task-1"))).isFalse();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void finishWaitsForTheDrainAndReportsIt() throws Exception {
        RedisServer source = source();
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (SyncHarness sync = new SyncHarness(source, target, spool); Jedis s = source.client()) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            Pipeline p = s.pipelined();
            for (int i = 0; i < 100_000; i++) {
                p.set("late:" + i, "v" + i);
            }
            p.sync();
            Progress writing = sync.awaitReport(r -> r.opsPerSecond() > 0, Duration.ofSeconds(10));
            assertThat(writing.checkpointAt()).isNotNull();
            assertThat(writing.appliedOffset()).isPositive();
            SyncRunner.Result result = sync.finish(Duration.ofSeconds(30));
            assertThat(result.stoppedBy()).isEqualTo(DesiredState.FINISH);
            assertThat(sync.readyToStopCalls.get()).isEqualTo(1);
            Progress drained = sync.reports.stream().filter(r -> r.phase() == SyncPhase.DRAINING)
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(drained.lagBytes()).isZero();
            assertThat(result.summary().targetKeys().get(0).keys()).isEqualTo(100_000);
        }
    }
}
