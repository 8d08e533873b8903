package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * Every type, TTLs, several databases, and a writer changing the source during the snapshot and the stream: after
 * finish the target equals the source key by key, for each supported pair of versions (a 7.0 source into a 6.2
 * target exercises the payload downgrade). A key the writer gave a relative expiry while the source made the snapshot
 * may live longer on the target by up to the snapshot's time (measured here): the source sent that command only after
 * the snapshot (see docs/sync-engine.md, relative expiries).
 */
class VersionMatrixIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(RedisVersion.V2_8, RedisVersion.SYSTEM),
                Arguments.of(RedisVersion.V6_2, RedisVersion.SYSTEM),
                Arguments.of(RedisVersion.SYSTEM, RedisVersion.SYSTEM),
                Arguments.of(RedisVersion.SYSTEM, RedisVersion.V6_2));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void targetEqualsSourceAfterFinish(RedisVersion sourceVersion, RedisVersion targetVersion) throws Exception {
        RedisServerConfig sourceConfig = RedisServerConfig.defaults();
        if (sourceVersion != RedisVersion.V2_8) {
            sourceConfig.set("repl-diskless-sync-delay", "0");
        }
        RedisServer source = redis.start(sourceVersion, sourceConfig);
        RedisServer target = redis.start(targetVersion);
        try (Jedis s = source.client()) {
            TestData.load(s, sourceVersion, 2000);
        }
        try (Jedis writerClient = source.client(); Jedis s = source.client(); Jedis t = target.client()) {
            TestData.Writer writer = new TestData.Writer(writerClient, 2000);
            Thread writing = new Thread(writer, "source-writer");
            writing.start();
            long started = System.nanoTime();
            try (SyncHarness sync = new SyncHarness(source, target, spool)) {
                sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(60));
                // The writes the source held back while it made and sent the snapshot have all arrived by now.
                Duration snapshotTook = Duration.ofNanos(System.nanoTime() - started);
                Thread.sleep(1500);
                writer.stop();
                writing.join();
                assertThat(writer.failure).isNull();
                assertThat(writer.writes.get()).isGreaterThan(100);
                Progress inSync = sync.awaitInSync(Duration.ofSeconds(30));
                assertThat(inSync.targetKeys()).isEqualTo(inSync.sourceKeys());

                SyncRunner.Result result = sync.finish(Duration.ofSeconds(30));
                assertThat(result.stoppedBy()).isEqualTo(DesiredState.FINISH);
                Duration heldBySource = relativeExpiries(sourceVersion) ? snapshotTook : Duration.ZERO;
                assertThat(KeyspaceComparison.differences(s, t, heldBySource, TestData.DBS)).isEmpty();
            }
        }
    }

    /**
     * Sources before 7.0 propagate {@code EXPIRE} as it was given, relative to when they ran it; the sync can only
     * date it from when it arrived. 7.0 propagates every expiry as an absolute {@code PEXPIREAT} or {@code PXAT}.
     */
    private static boolean relativeExpiries(RedisVersion source) {
        return source == RedisVersion.V2_8 || source == RedisVersion.V6_2;
    }
}
