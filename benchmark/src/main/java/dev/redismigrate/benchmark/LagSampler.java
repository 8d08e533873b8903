package dev.redismigrate.benchmark;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * While a write load runs: every 100 ms, the engine's own lag report (time and bytes behind the source) and how many
 * bytes the native replica's offset is behind the source's.
 */
final class LagSampler {
    /** What was seen: the engine's lag in ms (max, p99) and bytes (max), the native replica's bytes behind (max). */
    record Lag(long maxMillis, long p99Millis, long maxBytes, long nativeMaxBytes) {
    }

    private final List<Long> lagMillis = new ArrayList<>();
    private final Thread thread;
    private long maxLagBytes;
    private long nativeMaxLagBytes;

    LagSampler(RedisServer source, RedisServer nativeReplica, EngineRun engine) {
        thread = new Thread(() -> sample(source, nativeReplica, engine), "lag-sampler");
        thread.start();
    }

    /** Stops sampling and returns what was seen. */
    Lag stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
        List<Long> sorted = lagMillis.stream().sorted().toList();
        long max = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
        long p99 = sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1));
        return new Lag(max, p99, maxLagBytes, nativeMaxLagBytes);
    }

    private void sample(RedisServer source, RedisServer nativeReplica, EngineRun engine) {
        try (Jedis src = source.client(); Jedis follower = nativeReplica.client()) {
            while (!Thread.currentThread().isInterrupted()) {
                Progress p = engine.latest();
                if (p != null && p.lagMillis() >= 0) {
                    lagMillis.add(p.lagMillis());
                    maxLagBytes = Math.max(maxLagBytes, p.lagBytes());
                }
                long master = Offsets.source(src);
                long followed = Offsets.replica(follower);
                nativeMaxLagBytes = Math.max(nativeMaxLagBytes, master - followed);
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
