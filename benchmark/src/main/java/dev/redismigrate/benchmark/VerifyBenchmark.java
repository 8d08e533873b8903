package dev.redismigrate.benchmark;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.redisio.verify.JedisVerifier;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import redis.clients.jedis.Jedis;

/**
 * Times {@code verify --mode full} against Redis's own replication of the same data: loads N keys into a source, copies
 * them to a target with REPLICAOF (timed: the yardstick), detaches the target and verifies the two, once without a
 * rate limit and once at each rate given. Prints the times, keys per second and the ratio.
 * Usage: {@code VerifyBenchmark [keys] [rate...]}.
 */
public final class VerifyBenchmark {
    private VerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (RedisServer source = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("repl-diskless-sync-delay", "0"));
             RedisServer target = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults())) {
            MixedDataset.load(source, keys);
            double nativeSeconds = NativeReplication.seconds(source, target);
            try (Jedis jedis = target.client()) {
                jedis.replicaofNoOne();
            }
            System.out.printf("%,d keys; native replication (REPLICAOF): %.2f s%n", keys, nativeSeconds);
            verify(source, target, 0, nativeSeconds);
            for (int i = 1; i < args.length; i++) {
                verify(source, target, Integer.parseInt(args[i]), nativeSeconds);
            }
        }
    }

    private static void verify(RedisServer source, RedisServer target, int rate, double nativeSeconds) {
        VerifyOptions options = VerifyOptions.defaults().withMode(VerifyMode.FULL).withRate(rate).withRounds(1, 0);
        long start = System.nanoTime();
        VerificationReport report = new JedisVerifier(new LocalSecretResolver()).verify(endpoint(source),
                endpoint(target), options, progress -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("verify --mode full --rate %d: %.2f s, %,.0f keys/s, %d differences, %.2fx native%n", rate,
                seconds, report.keysCompared() / seconds, report.totalDifferences(), seconds / nativeSeconds);
    }

    private static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.of(server.host(), server.port());
    }
}
