package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.SyncPhase;
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

/**
 * The TTL gap (RedisShake #244): keys of the snapshot whose expiry passes while the snapshot is still being applied
 * (here: the target is stalled for 4 s), and which the source renews or persists before they expire there, must
 * survive on the target; a key the source lets expire must go; long TTLs must come back exact.
 */
class TtlGapIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    @Test
    // the sync takes seconds; comparing 200k keys afterwards took 82-90 s under load when KeyspaceComparison read
    // them one round trip at a time (42 s for the whole test at load average 11 once pipelined)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void keysRenewedWhileTheSnapshotIsAppliedSurvive() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("repl-diskless-sync-delay", "0"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis s = source.client()) {
            Pipeline p = s.pipelined();
            for (int i = 0; i < 200_000; i++) {
                p.set("filler:" + i, "value " + i);
            }
            p.sync();
            s.psetex("renewed", 2500, "r");
            s.psetex("persisted", 2500, "p");
            s.psetex("dropped", 2500, "d");
            s.setex("long", 3600, "l");
            s.hset("renewed-hash", "f", "v");
            s.pexpire("renewed-hash", 2500);
        }
        long t0 = System.nanoTime();
        try (SyncHarness sync = new SyncHarness(source, target, spool);
             Jedis s = source.client(); Jedis t = target.client()) {
            sync.awaitReport(p -> p.phase() == SyncPhase.FULL_SYNC, Duration.ofSeconds(20));
            target.pause();
            try {
                Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - t0) / 1_000_000));
                s.pexpire("renewed", 600_000);
                s.persist("persisted");
                s.expire("renewed-hash", 900);
                Thread.sleep(3000);
            } finally {
                target.resume();
            }
            assertThat(s.exists("dropped")).isFalse();

            // the real expiries are restored once the stream has caught up
            sync.awaitReport(p -> p.lastEvent() != null && p.lastEvent().kind().equals("ttl-restored"),
                    Duration.ofSeconds(40));
            assertThat(t.get("renewed")).isEqualTo("r");
            assertThat(t.pttl("renewed")).isBetween(590_000L, 600_000L);
            assertThat(t.get("persisted")).isEqualTo("p");
            assertThat(t.pttl("persisted")).isEqualTo(-1);
            assertThat(t.hget("renewed-hash", "f")).isEqualTo("v");
            assertThat(t.ttl("renewed-hash")).isBetween(890L, 900L);
            assertThat(t.exists("dropped")).isFalse();
            assertThat(t.pttl("long")).isBetween(3_590_000L, 3_600_000L);

            sync.finish(Duration.ofSeconds(30));
            assertThat(KeyspaceComparison.differences(s, t, 0)).isEmpty();
        }
    }
}
