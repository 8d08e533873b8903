package dev.redismigrate.benchmark;

import dev.redismigrate.benchmark.NativeReplication.Copy;
import dev.redismigrate.benchmark.NativeReplication.Loading;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.redisio.verify.JedisVerifier;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.time.Duration;
import redis.clients.jedis.Jedis;

/**
 * Row 7, incremental: the engine (in this JVM, for its 100 ms lag reports) and a native replica both follow the
 * source while write loads run: first a paced one, then an unpaced redis-benchmark burst. For each: the lag seen while
 * it ran, and how long after it stopped the target's checkpoint (and the native replica) reached the source's offset.
 * At the end the sync finishes and a full verification says whether the target is exact.
 */
final class IncrementalRow {
    private static final Duration PACED_LENGTH = Duration.ofSeconds(10);

    /** One write load: runs it, returns the writes per second done. */
    private interface Load {
        double run() throws Exception;
    }

    private IncrementalRow() {
    }

    static void run(BenchOptions options, Dataset data, ResultTable table) throws Exception {
        RedisServer source = data.source();
        try (RedisServer target = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
             Copy follower = NativeReplication.copy(source, Loading.SOCKET, false)) {
            EngineRun engine = new EngineRun(source, target);
            engine.awaitStreaming();
            table.add(RowResult.described("7", String.format("paced SET/INCR, %,d writes/s asked for %d s",
                    options.writesPerSecond(), PACED_LENGTH.toSeconds()), follow(source, follower.replica(), engine,
                    () -> WriteLoad.paced(source, options.writesPerSecond(), PACED_LENGTH)), null));
            if (options.burstRequests() > 0) {
                table.add(RowResult.described("7", String.format("redis-benchmark burst, %,d requests each of"
                        + " SET, INCR, LPUSH, SADD, HSET, ZADD, MSET, pipelined", options.burstRequests()),
                        follow(source, follower.replica(), engine,
                                () -> WriteLoad.burst(source, options.burstRequests())), null));
            }
            engine.finish();
            VerificationReport report = new JedisVerifier(new LocalSecretResolver()).verify(endpoint(source),
                    endpoint(target), VerifyOptions.defaults().withMode(VerifyMode.FULL).withRate(0).withRounds(1, 0),
                    progress -> { });
            table.add(RowResult.described("7", "data after the loads and finish (verify --mode full)",
                    report.consistent() ? String.format("exact (%,d keys compared)", report.keysCompared())
                            : report.totalDifferences() + " differences", null));
        }
    }

    private static String follow(RedisServer source, RedisServer follower, EngineRun engine, Load load)
            throws Exception {
        LagSampler sampler = new LagSampler(source, follower, engine);
        double done;
        LagSampler.Lag lag;
        try {
            done = load.run();
        } finally {
            lag = sampler.stop();
        }
        long stopped = System.nanoTime();
        try (Jedis src = source.client(); Jedis replica = follower.client()) {
            long sourceOffset = Offsets.source(src);
            Double ours = null;
            Double nativeCaughtUp = null;
            while (ours == null || nativeCaughtUp == null) {
                double now = Measures.seconds(System.nanoTime() - stopped);
                if (ours == null && engine.applied(sourceOffset)) {
                    ours = now;
                }
                if (nativeCaughtUp == null && Offsets.replica(replica) >= sourceOffset) {
                    nativeCaughtUp = now;
                }
                Thread.sleep(5);
            }
            return String.format("%,.0f writes/s done; lag max %,d ms (p99 %,d ms, max %,d bytes); caught up %.2f s"
                            + " after the load (native replica: max %,d bytes behind, caught up %.2f s)", done,
                    lag.maxMillis(), lag.p99Millis(), lag.maxBytes(), ours, lag.nativeMaxBytes(), nativeCaughtUp);
        }
    }

    private static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.of(server.host(), server.port());
    }
}
