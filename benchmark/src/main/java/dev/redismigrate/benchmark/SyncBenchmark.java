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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/**
 * Loads N keys of a realistic mix into a source, then times on the same data Redis's own replication (REPLICAOF on
 * a fresh server, until the link is up and loading is done) and the sync engine: its full sync (until the snapshot is
 * applied and the stream reached), and, on another target, a sync asked to finish from the start as
 * {@code migrate --finish-when-synced} does, until it has finished: the TTL repair pass included, which native
 * replication does not need. Prints both and the ratios. Then, with both replicas attached, drives a steady write
 * load at the source and reports how far behind the engine's applied offset stays (its own lag reports, and the
 * native replica's offset lag for comparison).
 */
public final class SyncBenchmark {
    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int writesPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        RedisServerConfig sourceConfig = RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0");
        try (RedisServer source = RedisServer.start(RedisVersion.SYSTEM, sourceConfig);
             RedisServer nativeTarget = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
             RedisServer ourTarget = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
             RedisServer finishingTarget = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults())) {
            long loadStart = System.nanoTime();
            long rdbBytes = MixedDataset.load(source, keys);
            System.out.printf("loaded %,d keys (used_memory %,d bytes) in %.1f s%n", keys, rdbBytes,
                    seconds(System.nanoTime() - loadStart));

            double nativeSeconds = NativeReplication.seconds(source, nativeTarget);
            System.out.printf("native replication (REPLICAOF):  %.2f s (replica cpu %.2f s)%n", nativeSeconds,
                    cpuSeconds(nativeTarget));
            EngineRun finishing = new EngineRun(source, finishingTarget, true);
            double finishedSeconds = finishing.awaitFinished();
            System.out.printf("redis-migrate synced, TTLs repaired, finished: %.2f s, ratio %.2f%n", finishedSeconds,
                    finishedSeconds / nativeSeconds);
            EngineRun our = new EngineRun(source, ourTarget, false);
            our.awaitStreaming();
            System.out.printf("redis-migrate full sync:         %.2f s (target cpu %.2f s, engine cpu %.2f s)%n",
                    our.fullSyncSeconds, our.targetCpu, our.engineCpu);
            System.out.printf("ratio (ours / native):           %.2f%n", our.fullSyncSeconds / nativeSeconds);

            WriteLoad.Result load = WriteLoad.run(source, nativeTarget, our, writesPerSecond, Duration.ofSeconds(10));
            System.out.printf("incremental, %,d writes/s asked, %,.0f/s done for %.0f s:%n", writesPerSecond,
                    load.achievedPerSecond(), load.seconds());
            System.out.printf("  redis-migrate lag: max %,d ms, p99 %,d ms, max %,d bytes; drained %.2f s after the load%n",
                    load.ourMaxLagMillis(), load.ourP99LagMillis(), load.ourMaxLagBytes(), load.ourDrainSeconds());
            System.out.printf("  native replica offset lag: max %,d bytes%n", load.nativeMaxLagBytes());
            our.finish();
        }
    }

    /**
     * The engine running in the background: full sync timed, then kept streaming until {@link #finish()}; or, asked to
     * finish from the start, timed until it has finished.
     */
    static final class EngineRun {
        final AtomicBoolean finish = new AtomicBoolean();
        final AtomicBoolean streaming = new AtomicBoolean();
        final java.util.concurrent.atomic.AtomicReference<Progress> latest = new java.util.concurrent.atomic.AtomicReference<>();
        final Thread thread;
        double fullSyncSeconds;
        double targetCpu;
        double engineCpu;
        volatile double finishedSeconds;

        EngineRun(RedisServer source, RedisServer target, boolean finishWhenSynced) throws Exception {
            finish.set(finishWhenSynced);
            long jvmCpuBefore = jvmCpuNanos();
            Path spool = Files.createTempDirectory("bench-spool");
            SyncRunner runner = new ReplicationSyncRunner(new LocalSecretResolver(),
                    SyncSettings.defaults().withSpoolDir(spool).withReportEvery(Duration.ofMillis(100)));
            long start = System.nanoTime();
            thread = new Thread(() -> {
                runner.run(new SyncRunner.Request("bench", RedisEndpoint.of(source.host(), source.port()),
                        RedisEndpoint.of(target.host(), target.port())), new SyncRunner.Control() {
                            @Override
                            public DesiredState desired() {
                                return finish.get() ? DesiredState.FINISH : DesiredState.RUN;
                            }

                            @Override
                            public boolean readyToStop(Progress drained) {
                                return true;
                            }
                        }, progress -> {
                            latest.set(progress);
                            if (progress.phase() == SyncPhase.INCREMENTAL && !streaming.get()) {
                                fullSyncSeconds = seconds(System.nanoTime() - start);
                                targetCpu = cpuSeconds(target);
                                engineCpu = seconds(jvmCpuNanos() - jvmCpuBefore);
                                streaming.set(true);
                            }
                        });
                finishedSeconds = seconds(System.nanoTime() - start);
            }, "engine");
            thread.start();
        }

        void awaitStreaming() throws InterruptedException {
            while (!streaming.get()) {
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the engine stopped before streaming");
                }
                Thread.sleep(5);
            }
        }

        double awaitFinished() throws InterruptedException {
            thread.join();
            if (!streaming.get()) {
                throw new IllegalStateException("the engine stopped before streaming");
            }
            return finishedSeconds;
        }

        void finish() throws InterruptedException {
            finish.set(true);
            thread.join(60_000);
        }
    }

    /** CPU time the server has used so far (user + sys, main thread and children). */
    static double cpuSeconds(RedisServer server) {
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

    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
