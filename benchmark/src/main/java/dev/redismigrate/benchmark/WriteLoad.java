package dev.redismigrate.benchmark;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * A steady write load on the source (pipelined SET and INCR in batches of 500, paced to the asked rate) while the
 * engine and a native replica follow it; samples the engine's lag reports and the native replica's offset every 100 ms.
 */
final class WriteLoad {
    private static final int BATCH = 500;

    record Result(double seconds, double achievedPerSecond, long ourMaxLagMillis, long ourP99LagMillis,
                  long ourMaxLagBytes, double ourDrainSeconds, long nativeMaxLagBytes) {
    }

    private WriteLoad() {
    }

    static Result run(RedisServer source, RedisServer nativeReplica, SyncBenchmark.EngineRun engine, int perSecond,
                      Duration length) throws InterruptedException {
        List<Long> lagMillis = Collections.synchronizedList(new ArrayList<>());
        long[] maxLagBytes = new long[1];
        long[] nativeMaxLag = new long[1];
        Thread sampler = new Thread(() -> {
            try (Jedis src = source.client(); Jedis follower = nativeReplica.client()) {
                while (!Thread.currentThread().isInterrupted()) {
                    Progress p = engine.latest.get();
                    if (p != null && p.lagMillis() >= 0) {
                        lagMillis.add(p.lagMillis());
                        maxLagBytes[0] = Math.max(maxLagBytes[0], p.lagBytes());
                    }
                    long master = offset(src.info("replication"), "master_repl_offset:");
                    long followed = offset(follower.info("replication"), "slave_repl_offset:");
                    nativeMaxLag[0] = Math.max(nativeMaxLag[0], master - followed);
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lag-sampler");
        sampler.start();

        long writes = 0;
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long batchNanos = TimeUnit.SECONDS.toNanos(1) * BATCH / perSecond;
        long next = start;
        try (Jedis writer = source.client()) {
            while (System.nanoTime() < end) {
                Pipeline p = writer.pipelined();
                for (int i = 0; i < BATCH; i++) {
                    if (i % 2 == 0) {
                        p.set("load:" + (writes % 100_000), "v" + writes);
                    } else {
                        p.incr("load:counter:" + (writes % 1000));
                    }
                    writes++;
                }
                p.sync();
                next += batchNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        }
        double seconds = SyncBenchmark.seconds(System.nanoTime() - start);
        long loadEnd = System.nanoTime();
        while (engine.latest.get() == null || engine.latest.get().lagBytes() > 0) {
            Thread.sleep(10);
        }
        double drain = SyncBenchmark.seconds(System.nanoTime() - loadEnd);
        sampler.interrupt();
        sampler.join();
        List<Long> sorted = new ArrayList<>(lagMillis);
        Collections.sort(sorted);
        long max = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
        long p99 = sorted.isEmpty() ? -1 : sorted.get((int) Math.floor(sorted.size() * 0.99) - (sorted.size() > 1 ? 1 : 0));
        return new Result(seconds, writes / seconds, max, p99, maxLagBytes[0], drain, nativeMaxLag[0]);
    }

    private static long offset(String info, String field) {
        return info.lines().filter(l -> l.startsWith(field)).findFirst()
                .map(l -> Long.parseLong(l.substring(field.length()).trim())).orElse(0L);
    }
}
