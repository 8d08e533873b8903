package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.testkit.AcknowledgedWrites;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Exactly-once across interruptions: while an application writes non-idempotent commands (INCR, LPUSH, INCRBYFLOAT,
 * APPEND, XADD *), the links are cut or the runner process is killed; the sync resumes from the checkpoint on the
 * target with {@code PSYNC replid offset+1} (or, when the source's backlog no longer covers the gap, flushes the
 * target and applies a new snapshot), and afterwards the target holds exactly the acknowledged writes and equals the
 * source key by key.
 */
class ResumeIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void lostLinksResumeExactlyOnce() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("repl-diskless-sync-delay", "0"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             Jedis s = source.client(); Jedis t = target.client(); Jedis admin = source.client();
             AcknowledgedWrites writes = AcknowledgedWrites.start(source)) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            writes.awaitMore(500, Duration.ofSeconds(10));
            admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.REPLICA));
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL && p.appliedOffset() > 0
                    && p.lastEvent() != null && p.lastEvent().kind().equals("resume"), Duration.ofSeconds(20));
            writes.awaitMore(500, Duration.ofSeconds(10));
            t.clientKill(ClientKillParams.clientKillParams().type(ClientType.NORMAL).skipMe(ClientKillParams.SkipMe.YES));
            writes.awaitMore(2000, Duration.ofSeconds(10));
            writes.close();

            sync.awaitInSync(Duration.ofSeconds(30));
            Set<String> events = sync.reports.stream().map(Progress::lastEvent).filter(Objects::nonNull)
                    .map(SyncEvent::kind).collect(Collectors.toSet());
            assertThat(events).contains("reconnect", "resume").doesNotContain("resync");
            sync.finish(Duration.ofSeconds(30));
            assertThat(writes.differences(t)).isEmpty();
            assertThat(KeyspaceComparison.differences(s, t, 0)).isEmpty();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKilledRunnerIsResumedByTheNextOne() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("repl-diskless-sync-delay", "0"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis s = source.client()) {
            for (int i = 0; i < 1000; i++) {
                s.set("base:" + i, "v");
            }
        }
        try (AcknowledgedWrites writes = AcknowledgedWrites.start(source);
             Jedis s = source.client(); Jedis t = target.client()) {
            try (ChildSync child = ChildSync.start(source, target, spool.resolve("first"), "task-1")) {
                child.awaitLine("INCREMENTAL", Duration.ofSeconds(30));
                writes.awaitMore(2000, Duration.ofSeconds(10));
                child.kill();
            }
            writes.awaitMore(500, Duration.ofSeconds(10));
            try (SyncHarness sync = new SyncHarness(source, target, spool.resolve("second"))) {
                Progress resumed = sync.awaitReport(p -> p.lastEvent() != null, Duration.ofSeconds(20));
                assertThat(resumed.lastEvent().kind()).isEqualTo("resume");
                assertThat(resumed.lastResume()).isEqualTo(resumed.lastEvent());
                assertThat(resumed.lastEvent().reason()).contains("continuing from offset")
                        .contains("checkpoint written");
                writes.awaitMore(1000, Duration.ofSeconds(10));
                writes.close();
                sync.awaitInSync(Duration.ofSeconds(30));
                assertThat(sync.reports.stream().noneMatch(p -> p.phase() == SyncPhase.FULL_SYNC)).isTrue();
                sync.finish(Duration.ofSeconds(30));
            }
            assertThat(writes.differences(t)).isEmpty();
            assertThat(KeyspaceComparison.differences(s, t, 0)).isEmpty();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aGapLargerThanTheBacklogIsAFullResyncThatLeavesNothingStale() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("repl-diskless-sync-delay", "0").set("repl-backlog-size", "16384"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis s = source.client()) {
            for (int i = 0; i < 1000; i++) {
                s.set("base:" + i, "v");
            }
            s.set("stale", "deleted on the source while no sync runs");
        }
        try (AcknowledgedWrites writes = AcknowledgedWrites.start(source);
             Jedis s = source.client(); Jedis t = target.client()) {
            try (ChildSync child = ChildSync.start(source, target, spool.resolve("first"), "task-1")) {
                child.awaitLine("INCREMENTAL", Duration.ofSeconds(30));
                writes.awaitMore(1000, Duration.ofSeconds(10));
                child.kill();
            }
            assertThat(t.exists("stale")).isTrue();
            s.del("stale");
            writes.awaitMore(5000, Duration.ofSeconds(20)); // well over the 16 KB backlog
            try (SyncHarness sync = new SyncHarness(source, target, spool.resolve("second"))) {
                Progress resynced = sync.awaitReport(p -> p.lastEvent() != null, Duration.ofSeconds(20));
                assertThat(resynced.lastEvent().kind()).isEqualTo("resync");
                assertThat(resynced.lastEvent().reason()).contains("no longer in the source's backlog")
                        .contains("the target is flushed");
                writes.awaitMore(1000, Duration.ofSeconds(10));
                writes.close();
                Progress synced = sync.awaitInSync(Duration.ofSeconds(30));
                assertThat(synced.lastResume().kind()).isEqualTo("resync");
                sync.finish(Duration.ofSeconds(30));
            }
            assertThat(t.exists("stale")).isFalse();
            assertThat(writes.differences(t)).isEmpty();
            assertThat(KeyspaceComparison.differences(s, t, 0)).isEmpty();
        }
    }
}
