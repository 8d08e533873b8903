package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.port.SyncFailedException;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;

/**
 * What happens to the servers around a running sync: a source restart, a target restart with and without
 * persistence, the source cutting the replica link, a stalled target, a target too slow for the source's output
 * buffer limit, a source that stays down. Each ends with a target that holds exactly the acknowledged writes and
 * equals the source key by key, or with a clear failure.
 */
class ServerFaultsIT {
    private static final Duration SYNCED = Duration.ofSeconds(40);

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aRestartedSourceIsFollowedByAFullResync() throws Exception {
        // persistence that loses no acknowledged write; 7.0 still comes back with a new replication id
        RedisServer source = redis.start(RedisVersion.SYSTEM, quickReplication()
                .set("appendonly", "yes").set("appendfsync", "always"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             AcknowledgedWrites writes = AcknowledgedWrites.start(source)) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            writes.awaitMore(1000, Duration.ofSeconds(10));
            source.restart();
            Progress resynced = sync.awaitReport(p -> kind(p.lastResume()).equals("resync"), Duration.ofSeconds(30));
            assertThat(resynced.lastResume().reason()).contains("replication id changed");
            writes.awaitMore(1000, Duration.ofSeconds(20));
            assertExactAfterFinish(sync, writes, source, target);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aTargetRestartedWithoutItsDataIsDetectedAndResynced() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, quickReplication());
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             AcknowledgedWrites writes = AcknowledgedWrites.start(source)) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            writes.awaitMore(1000, Duration.ofSeconds(10));
            target.restart();
            Progress resynced = sync.awaitReport(p -> kind(p.lastResume()).equals("resync"), Duration.ofSeconds(30));
            assertThat(resynced.lastResume().reason()).contains("target restarted").contains("lost its data");
            writes.awaitMore(1000, Duration.ofSeconds(10));
            assertExactAfterFinish(sync, writes, source, target);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aTargetRestartedWithItsDataResumesFromItsCheckpoint() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, quickReplication());
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("appendonly", "yes").set("appendfsync", "always"));
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             AcknowledgedWrites writes = AcknowledgedWrites.start(source)) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            writes.awaitMore(1000, Duration.ofSeconds(10));
            target.restart();
            Progress resumed = sync.awaitReport(p -> kind(p.lastResume()).equals("resume"), Duration.ofSeconds(30));
            assertThat(resumed.lastResume().reason()).contains("the target restarted since and kept its data");
            writes.awaitMore(1000, Duration.ofSeconds(10));
            assertExactAfterFinish(sync, writes, source, target);
            assertThat(sync.reports).noneMatch(p -> kind(p.lastResume()).equals("resync"));
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aReplicaLinkCutByAnOldSourceResumes() throws Exception {
        RedisServer source = redis.start(RedisVersion.V2_8);
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             AcknowledgedWrites writes = AcknowledgedWrites.start(source);
             Jedis admin = source.client()) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            writes.awaitMore(1000, Duration.ofSeconds(10));
            admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "slave"); // 2.8 knows no "replica"
            sync.awaitReport(p -> kind(p.lastResume()).equals("resume"), Duration.ofSeconds(30));
            writes.awaitMore(1000, Duration.ofSeconds(10));
            assertExactAfterFinish(sync, writes, source, target);
            assertThat(sync.reports).noneMatch(p -> kind(p.lastResume()).equals("resync"));
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aStalledTargetCatchesUp() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, quickReplication());
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             AcknowledgedWrites writes = AcknowledgedWrites.start(source)) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            target.pause();
            try {
                writes.awaitMore(8000, Duration.ofSeconds(20));
                assertThat(sync.awaitReport(p -> p.lagBytes() > 0, Duration.ofSeconds(10)).phase())
                        .isEqualTo(SyncPhase.INCREMENTAL);
            } finally {
                target.resume();
            }
            assertExactAfterFinish(sync, writes, source, target);
            assertThat(sync.reports).noneMatch(p -> p.lastEvent() != null);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTargetSlowerThanTheSnapshotDoesNotMakeTheSourceCutUsOff() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, quickReplication()
                .set("client-output-buffer-limit", "replica 1mb 512kb 5"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        loadIncompressible(source, 1000, 64 * 1024); // a 64 MB snapshot: more than sockets and the queue hold
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             Jedis s = source.client()) {
            sync.awaitReport(p -> p.phase() == SyncPhase.FULL_SYNC, Duration.ofSeconds(30));
            target.pause();
            boolean resumed = false;
            try {
                // The whole snapshot is taken in while the target stands still (spooled, not applied). The writes
                // start only then: during the transfer the source buffers them for us whatever we do, and on a
                // loaded machine a slower transfer would hit the 1 MB limit for a reason this test is not about.
                sync.awaitReport(p -> p.snapshotBytesTotal() > 0
                        && p.snapshotBytesReceived() == p.snapshotBytesTotal(), Duration.ofSeconds(30));
                try (AcknowledgedWrites writes = AcknowledgedWrites.start(source, 500, 1000)) {
                    // far more stream than the 1 MB hard limit, while nothing reaches the target
                    writes.awaitMore(12_000, Duration.ofSeconds(20));
                    assertThat(s.info("stats")).contains("sync_full:1\r\n");
                    assertThat(s.info("replication")).contains("connected_slaves:1\r\n");
                    target.resume();
                    resumed = true;
                    assertExactAfterFinish(sync, writes, source, target);
                }
            } finally {
                if (!resumed) {
                    target.resume();
                }
            }
            assertThat(s.info("stats")).contains("sync_full:1\r\n");
            assertThat(sync.reports).noneMatch(p -> p.lastEvent() != null && !p.lastEvent().kind().equals("ttl-restored"));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSourceThatStaysDownFailsTheSyncAtTheDeadline() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, quickReplication());
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        SyncSettings settings = SyncSettings.defaults().withSpoolDir(spool).withGiveUpAfter(Duration.ofSeconds(2));
        try (SyncHarness sync = new SyncHarness(SyncHarness.endpoint(source), SyncHarness.endpoint(target), settings,
                new LocalSecretResolver())) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            source.kill();
            long killed = System.nanoTime();
            assertThatThrownBy(() -> sync.await(Duration.ofSeconds(30)))
                    .isInstanceOf(SyncFailedException.class)
                    .hasMessageStartingWith("sync gave up after 2 s of failures: ")
                    .hasMessageContaining(source.port() + "")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
            assertThat(sync.last().phase()).isEqualTo(SyncPhase.CONNECTING);
            assertThat(kind(sync.last().lastEvent())).isEqualTo("reconnect");
        }
    }

    /** Stops the writes, waits until the target has everything, finishes, and compares. */
    private static void assertExactAfterFinish(SyncHarness sync, AcknowledgedWrites writes, RedisServer source,
                                               RedisServer target) throws Exception {
        writes.close();
        sync.awaitInSync(SYNCED);
        sync.finish(Duration.ofSeconds(30));
        try (Jedis s = source.client(); Jedis t = target.client()) {
            assertThat(writes.differences(t)).as(writes.toString()).isEmpty();
            assertThat(KeyspaceComparison.differences(s, t, 0)).isEmpty();
        }
    }

    private static RedisServerConfig quickReplication() {
        return RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0");
    }

    private static void loadIncompressible(RedisServer server, int keys, int valueBytes) {
        Random random = new Random(4);
        try (Jedis jedis = server.client()) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < keys; i++) {
                byte[] value = new byte[valueBytes];
                random.nextBytes(value);
                p.set(("big:" + i).getBytes(), value);
            }
            p.sync();
        }
    }

    private static String kind(SyncEvent event) {
        return event == null ? "" : Objects.requireNonNullElse(event.kind(), "");
    }
}
