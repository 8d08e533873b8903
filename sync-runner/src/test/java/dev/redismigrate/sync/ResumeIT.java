package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Exactly-once across interruptions: while non-idempotent writes (INCR, RPUSH) go on, the links are cut or the
 * runner process is killed; the sync resumes from the checkpoint on the target with {@code PSYNC replid offset+1},
 * and afterwards every counter and list on the target equals the source's.
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
             Jedis s = source.client(); Jedis t = target.client(); Jedis admin = source.client()) {
            sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL, Duration.ofSeconds(30));
            try (Counters counters = new Counters(source)) {
                Thread.sleep(500);
                admin.clientKill(ClientKillParams.clientKillParams()
                        .type(ClientType.REPLICA));
                sync.awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL && p.appliedOffset() > 0
                        && p.lastEvent() != null && p.lastEvent().kind().equals("resume"), Duration.ofSeconds(20));
                Thread.sleep(500);
                t.clientKill(ClientKillParams.clientKillParams()
                        .type(ClientType.NORMAL).skipMe(
                                ClientKillParams.SkipMe.YES));
                Thread.sleep(1500);
                assertThat(counters.writes.get()).isGreaterThan(100);
            }
            sync.awaitInSync(Duration.ofSeconds(30));
            Set<String> events = sync.reports.stream().map(Progress::lastEvent).filter(Objects::nonNull)
                    .map(SyncEvent::kind).collect(Collectors.toSet());
            assertThat(events).contains("reconnect", "resume").doesNotContain("resync");
            sync.finish(Duration.ofSeconds(30));
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
        Path log = spool.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), BoundedHeapSyncMain.class.getName(),
                Integer.toString(source.port()), Integer.toString(target.port()), spool.resolve("child").toString(),
                "task-1", "forever")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Counters counters = new Counters(source)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(log).contains("INCREMENTAL") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(log)).contains("INCREMENTAL");
            Thread.sleep(1000);
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(300);
        } finally {
            child.destroyForcibly();
        }
        try (Counters counters = new Counters(source);
             SyncHarness sync = new SyncHarness(source, target, spool.resolve("second"));
             Jedis s = source.client(); Jedis t = target.client()) {
            Progress resumed = sync.awaitReport(p -> p.lastEvent() != null, Duration.ofSeconds(20));
            assertThat(resumed.lastEvent().kind()).isEqualTo("resume");
            assertThat(sync.reports.stream().noneMatch(p -> p.phase() == SyncPhase.FULL_SYNC)).isTrue();
            Thread.sleep(1000);
            counters.close();
            sync.awaitInSync(Duration.ofSeconds(30));
            sync.finish(Duration.ofSeconds(30));
            assertThat(KeyspaceComparison.differences(s, t, 0)).isEmpty();
        }
    }

    /** Non-idempotent writes until closed: a replayed or lost command shows as a wrong count. */
    private static final class Counters implements AutoCloseable {
        final AtomicLong writes = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Counters(RedisServer source) {
            thread = new Thread(() -> {
                try (Jedis jedis = source.client()) {
                    while (running.get()) {
                        long n = writes.incrementAndGet();
                        jedis.incr("counter:" + (n % 50));
                        jedis.rpush("log", Long.toString(n));
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
