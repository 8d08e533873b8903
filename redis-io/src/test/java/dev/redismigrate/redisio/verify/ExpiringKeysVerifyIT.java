package dev.redismigrate.redisio.verify;

import static dev.redismigrate.core.verify.DifferenceKind.COUNT;
import static dev.redismigrate.core.verify.DifferenceKind.MISSING_ON_TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Keys with a TTL expiring on both sides during the check before finish: each side reclaims expired keys on its own
 * schedule, so their INFO keyspace totals differ while nothing is lost. The default verification (the finish gate's)
 * must pass; a target that lost keys with a TTL that are not expiring must still fail it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExpiringKeysVerifyIT {
    private static final int PERSISTENT = 2000;
    private static final int EXPIRED = 3000;
    private static final int EXPIRING = 3000;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final JedisVerifier verifier = new JedisVerifier(new LocalSecretResolver(Map.of()));

    @Test
    void keysExpiringAtTheirOwnPaceOnEachSideAreNoDifference() throws InterruptedException {
        // 6.2 runs DEBUG without configuration: its active expiry is turned off, so it keeps its expired keys counted
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.V6_2);
        try (Jedis t = pair.target().client()) {
            ProtocolCommand debug = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);
            t.sendCommand(debug, "SET-ACTIVE-EXPIRE", "0");
        }
        // the target got each key a little later, so its expiry times are slightly later too
        write(pair.source(), 0);
        write(pair.target(), 50);
        Thread.sleep(800);
        reclaimExpired(pair.source());
        DbKeyCount source = keyspace(pair.source());
        DbKeyCount target = keyspace(pair.target());
        assertThat(source.persistent()).isEqualTo(target.persistent()).isEqualTo(PERSISTENT);
        assertThat(target.keys() - source.keys()).as("expired keys the target still counts").isGreaterThanOrEqualTo(EXPIRED);

        VerificationReport report = verifier.verify(JedisVerifierIT.endpoint(pair.source()),
                JedisVerifierIT.endpoint(pair.target()), VerifyOptions.defaults(), p -> { });

        assertThat(report.differences()).isEmpty();
        assertThat(report.consistent()).isTrue();
    }

    @Test
    void keysWithATtlLostOnTheTargetAreStillFound() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        for (RedisServer server : List.of(pair.source(), pair.target())) {
            try (Jedis jedis = server.client()) {
                Pipeline p = jedis.pipelined();
                for (int i = 0; i < PERSISTENT; i++) {
                    p.set("persistent:" + i, "v" + i);
                    p.setex("session:" + i, 3600, "s" + i);
                }
                p.sync();
            }
        }
        try (Jedis t = pair.target().client()) {
            for (int i = 0; i < PERSISTENT; i += 4) {
                t.del("session:" + i);
            }
        }

        VerificationReport report = verifier.verify(JedisVerifierIT.endpoint(pair.source()),
                JedisVerifierIT.endpoint(pair.target()), VerifyOptions.defaults(), p -> { });

        assertThat(report.consistent()).isFalse();
        assertThat(report.differences()).extracting(Difference::kind).contains(MISSING_ON_TARGET).doesNotContain(COUNT);
    }

    /**
     * Keys without a TTL, keys that have expired by the time the verification starts, and keys that expire while it
     * runs (over 4 s).
     */
    private static void write(RedisServer server, long laterMillis) {
        try (Jedis jedis = server.client()) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < PERSISTENT; i++) {
                p.set("persistent:" + i, "v" + i);
            }
            for (int i = 0; i < EXPIRED; i++) {
                p.set("expired:" + i, "x");
                p.pexpire("expired:" + i, 200 + laterMillis);
            }
            for (int i = 0; i < EXPIRING; i++) {
                p.set("expiring:" + i, "x");
                p.pexpire("expiring:" + i, 1000 + i + laterMillis);
            }
            p.sync();
        }
    }

    /** A SCAN over the whole database deletes the expired keys it passes, whatever the active expiry has done. */
    private static void reclaimExpired(RedisServer server) {
        try (Jedis jedis = server.client()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(1000));
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    private static DbKeyCount keyspace(RedisServer server) {
        try (Jedis jedis = server.client()) {
            return KeyCounts.parse(jedis.info("keyspace")).get(0);
        }
    }
}
