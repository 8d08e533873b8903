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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** The vertical slice: snapshot of strings into a 7.0 target, then the stream of SETs, then finish. */
class BasicSyncIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void snapshotThenStreamThenFinish() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("repl-diskless-sync-delay", "0"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis s = source.client()) {
            Pipeline p = s.pipelined();
            for (int i = 0; i < 5000; i++) {
                p.set("snap:" + i, "value-" + i);
            }
            p.sync();
        }
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             Jedis s = source.client(); Jedis t = target.client()) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            for (int i = 0; i < 1000; i++) {
                s.set("stream:" + i, "v" + i);
            }
            Progress inSync = sync.awaitInSync(Duration.ofSeconds(30));
            assertThat(inSync.keysApplied()).isEqualTo(5000);
            assertThat(inSync.sourceKeys().get(0).keys()).isEqualTo(6000);
            assertThat(inSync.targetKeys().get(0).keys()).isEqualTo(6000);

            SyncRunner.Result result = sync.finish(Duration.ofSeconds(30));
            assertThat(result.stoppedBy()).isEqualTo(DesiredState.FINISH);
            assertThat(KeyspaceComparison.differences(s, t, 0)).isEmpty();
            assertThat(t.exists(CheckpointKey.forTask("task-1"))).isFalse();
            assertThat(sync.last().phase()).isEqualTo(SyncPhase.STOPPED);
        }
    }
}
