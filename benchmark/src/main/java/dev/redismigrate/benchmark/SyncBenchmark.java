package dev.redismigrate.benchmark;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.sync.ReplicationSyncRunner;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Loads N keys of a realistic mix into a source, then times on the same data Redis's own replication (REPLICAOF on
 * a fresh server, until the link is up and loading is done) and the sync engine's full sync (until the snapshot is
 * applied and the stream reached). Prints both and the ratio.
 */
public final class SyncBenchmark {
    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        RedisServerConfig sourceConfig = RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0");
        try (RedisServer source = RedisServer.start(RedisVersion.SYSTEM, sourceConfig);
             RedisServer nativeTarget = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
             RedisServer ourTarget = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults())) {
            long loadStart = System.nanoTime();
            long rdbBytes = load(source, keys);
            System.out.printf("loaded %,d keys (used_memory %,d bytes) in %.1f s%n", keys, rdbBytes,
                    seconds(System.nanoTime() - loadStart));

            double nativeSeconds = nativeReplication(source, nativeTarget);
            System.out.printf("native replication (REPLICAOF):  %.2f s (replica cpu %.2f s)%n", nativeSeconds,
                    cpuSeconds(nativeTarget));
            double[] our = engine(source, ourTarget);
            double ourSeconds = our[0];
            System.out.printf("redis-migrate full sync:         %.2f s (target cpu %.2f s, engine cpu %.2f s)%n",
                    ourSeconds, our[1], our[2]);
            System.out.printf("ratio (ours / native):           %.2f%n", ourSeconds / nativeSeconds);
        }
    }

    /** 60% strings, 10% hashes, 10% lists, 10% sets, 10% sorted sets; a fifth of the keys with a TTL. */
    private static long load(RedisServer source, int keys) {
        Random random = new Random(1);
        try (Jedis jedis = source.client()) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < keys; i++) {
                String key = "bench:" + i;
                int kind = i % 10;
                if (kind < 6) {
                    p.set(key, "value-" + i + "-" + "x".repeat(40 + random.nextInt(120)));
                } else if (kind == 6) {
                    p.hset(key, Map.of("name", "user " + i, "email", "user" + i + "@example.com", "visits",
                            Integer.toString(random.nextInt(1000)), "plan", "basic"));
                } else if (kind == 7) {
                    p.rpush(key, "event-a-" + i, "event-b-" + i, "event-c-" + i, "event-d-" + i);
                } else if (kind == 8) {
                    p.sadd(key, "tag-" + random.nextInt(50), "tag-" + random.nextInt(50), "tag-" + i);
                } else {
                    p.zadd(key, Map.of("alpha", random.nextDouble(), "beta", random.nextDouble() * 100,
                            "gamma-" + i, (double) i));
                }
                if (i % 5 == 0) {
                    p.expire(key, 3600 + random.nextInt(3600));
                }
                if (i % 10_000 == 0) {
                    p.sync();
                }
            }
            p.sync();
            return Long.parseLong(jedis.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                    .findFirst().orElse("used_memory:0").split(":")[1].trim());
        }
    }

    private static double nativeReplication(RedisServer source, RedisServer target) throws InterruptedException {
        try (Jedis jedis = target.client()) {
            long start = System.nanoTime();
            jedis.replicaof(source.host(), source.port());
            while (true) {
                String info = jedis.info("replication") + jedis.info("persistence");
                if (info.contains("master_link_status:up") && info.contains("loading:0")
                        && info.contains("master_sync_in_progress:0")) {
                    return seconds(System.nanoTime() - start);
                }
                Thread.sleep(5);
            }
        }
    }

    /** Seconds until the snapshot is applied, the target's CPU seconds and the engine's by then. */
    private static double[] engine(RedisServer source, RedisServer target) throws Exception {
        long jvmCpuBefore = jvmCpuNanos();
        double[] cpu = new double[2];
        Path spool = Files.createTempDirectory("bench-spool");
        SyncRunner runner = new ReplicationSyncRunner(new LocalSecretResolver(),
                SyncSettings.defaults().withSpoolDir(spool).withReportEvery(Duration.ofMillis(100)));
        AtomicBoolean streaming = new AtomicBoolean();
        AtomicLong streamingAt = new AtomicLong();
        long start = System.nanoTime();
        runner.run(new SyncRunner.Request("bench", RedisEndpoint.of(source.host(), source.port()),
                RedisEndpoint.of(target.host(), target.port())), new SyncRunner.Control() {
                    @Override
                    public DesiredState desired() {
                        return streaming.get() ? DesiredState.FINISH : DesiredState.RUN;
                    }

                    @Override
                    public boolean readyToStop(Progress drained) {
                        return true;
                    }
                }, progress -> {
                    if (progress.phase() == SyncPhase.INCREMENTAL && !streaming.get()) {
                        streamingAt.set(System.nanoTime());
                        cpu[0] = cpuSeconds(target);
                        cpu[1] = seconds(jvmCpuNanos() - jvmCpuBefore);
                        streaming.set(true);
                    }
                });
        return new double[] {seconds(streamingAt.get() - start), cpu[0], cpu[1]};
    }

    /** CPU time the server has used so far (user + sys, main thread and children). */
    private static double cpuSeconds(RedisServer server) {
        try (Jedis jedis = server.client()) {
            double total = 0;
            for (String line : jedis.info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                    total += Double.parseDouble(line.split(":")[1].trim());
                }
            }
            return total;
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
