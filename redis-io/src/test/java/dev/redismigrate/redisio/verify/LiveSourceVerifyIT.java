package dev.redismigrate.redisio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * A source written to during the whole verification, and a target that follows it with real replication lag (a
 * replica of the source). Differences seen in one round because the target had not caught up yet must be gone by the
 * last round: no false report.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LiveSourceVerifyIT {
    private static final int KEYS = 3000;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final JedisVerifier verifier = new JedisVerifier(new LocalSecretResolver(Map.of()));

    @Test
    void aLiveWriterCausesNoFalseReportAfterTheRounds() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM);
        long preloaded;
        try (Jedis s = source.client()) {
            Random random = new Random(1);
            for (int i = 0; i < 3 * KEYS; i++) {
                write(s, random);
            }
            preloaded = s.dbSize();
        }
        RedisServer target = redis.start(RedisVersion.SYSTEM,
                RedisServerConfig.defaults().replicaOf(source.host(), source.port()));
        awaitReplicaInSync(target);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> {
            Random random = new Random(2);
            try (Jedis s = source.client()) {
                while (!stop.get()) {
                    write(s, random);
                    if (writes.incrementAndGet() % 5 == 0) {
                        Thread.sleep(1);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "live-writer");
        writer.start();
        try {
            // The rounds a migration uses before finishing; the rate keeps each verification running for a second or two,
            // while the writer goes on.
            VerifyOptions options = VerifyOptions.defaults().withRate(5000);
            long before = writes.get();

            VerificationReport full = verifier.verify(JedisVerifierIT.endpoint(source),
                    JedisVerifierIT.endpoint(target), options.withMode(VerifyMode.FULL), p -> { });
            VerificationReport sample = verifier.verify(JedisVerifierIT.endpoint(source),
                    JedisVerifierIT.endpoint(target), options.withMode(VerifyMode.SAMPLE), p -> { });

            assertThat(writes.get() - before).as("writes during the verifications").isGreaterThan(500);
            assertThat(full.differences()).as(full.summary()).isEmpty();
            assertThat(full.keysCompared()).isGreaterThan(preloaded / 2);
            System.out.println("live source: " + full.summary() + " / " + sample.summary());
            assertThat(sample.differences()).as(sample.summary()).isEmpty();
        } finally {
            stop.set(true);
            writer.join(10_000);
        }
    }

    /** Updates, creates, deletes, TTLs (some expiring within the test) across every type. */
    private static void write(Jedis s, Random random) {
        int i = random.nextInt(KEYS);
        switch (random.nextInt(10)) {
            case 0 -> s.set("string:" + i, "v" + random.nextInt());
            case 1 -> s.incr("counter:" + i % 100);
            case 2 -> s.hset("hash:" + i % 300, "field" + random.nextInt(20), "v" + random.nextInt());
            case 3 -> {
                s.lpush("list:" + i % 100, "e" + random.nextInt());
                s.ltrim("list:" + i % 100, 0, 40);
            }
            case 4 -> s.sadd("set:" + i % 100, "m" + random.nextInt(200));
            case 5 -> s.zadd("zset:" + i % 100, random.nextInt(1000) / 7.0, "m" + random.nextInt(200));
            case 6 -> s.del("string:" + i);
            case 7 -> s.expire("string:" + i, 300);
            case 8 -> s.set("short:" + i, "x", SetParams.setParams().px(200 + random.nextInt(800)));
            default -> s.persist("string:" + i);
        }
    }

    private static void awaitReplicaInSync(RedisServer replica) throws InterruptedException {
        try (Jedis r = replica.client()) {
            for (int attempt = 0; attempt < 200; attempt++) {
                String info = r.info("replication");
                if (info.contains("master_link_status:up") && info.contains("master_sync_in_progress:0")) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the replica did not sync within 10 s");
    }
}
