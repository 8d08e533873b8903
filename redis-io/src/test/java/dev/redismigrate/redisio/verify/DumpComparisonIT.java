package dev.redismigrate.redisio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
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

/** Full verification's fast path: equal DUMP payloads prove equal values; anything else goes to the type-wise comparison. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DumpComparisonIT {
    private static final List<String> COMPACT_KEYS = List.of("string", "counter", "list", "hash", "set", "zset");

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final JedisVerifier verifier = new JedisVerifier(new LocalSecretResolver(Map.of()));

    @Test
    void equalValuesOnTheSameVersionAreProvenEqualByTheirPayloads() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        writeCompactValues(pair.source());
        writeCompactValues(pair.target());

        DumpPayloads payloads = new DumpPayloads();
        try (BothSides sides = connect(pair)) {
            assertThat(payloads.notProvenEqual(sides, 0, keys(), key -> key)).isEmpty();
        }
        assertThat(payloads.usable()).isTrue();
        assertThat(verify(pair).differences()).isEmpty();
    }

    @Test
    void aDifferingPayloadFallsBackToTheTypeWiseComparisonWhichFindsTheDifference() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        writeCompactValues(pair.source());
        writeCompactValues(pair.target());
        try (Jedis target = pair.target().client()) {
            target.set("string", "other");
        }

        DumpPayloads payloads = new DumpPayloads();
        try (BothSides sides = connect(pair)) {
            assertThat(payloads.notProvenEqual(sides, 0, keys(), key -> key)).extracting(DumpComparisonIT::text)
                    .containsExactly("string");
        }
        VerificationReport report = verify(pair);
        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("string");
            assertThat(d.kind()).isEqualTo(DifferenceKind.VALUE);
            assertThat(d.detail()).isEqualTo("string differs");
        });
    }

    @Test
    void equalValuesInAnotherEncodingDifferInPayloadButNotInValue() {
        RedisServers.Pair pair = new RedisServers.Pair(redis.start(RedisVersion.SYSTEM),
                redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("hash-max-ziplist-entries", "0")));
        writeCompactValues(pair.source());
        writeCompactValues(pair.target());

        DumpPayloads payloads = new DumpPayloads();
        try (BothSides sides = connect(pair)) {
            assertThat(payloads.notProvenEqual(sides, 0, keys(), key -> key)).extracting(DumpComparisonIT::text)
                    .containsExactly("hash");
        }
        assertThat(payloads.usable()).as("same RDB version: payloads can still match").isTrue();
        assertThat(verify(pair).differences()).isEmpty();
    }

    @Test
    void sidesOfDifferentRdbVersionsStopTheFastPathAndAreComparedTypeWise() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.V6_2, RedisVersion.SYSTEM);
        writeCompactValues(pair.source());
        writeCompactValues(pair.target());

        DumpPayloads payloads = new DumpPayloads();
        try (BothSides sides = connect(pair)) {
            assertThat(payloads.notProvenEqual(sides, 0, keys(), key -> key)).hasSize(COMPACT_KEYS.size());
            assertThat(payloads.usable()).isFalse();
            assertThat(payloads.notProvenEqual(sides, 0, keys(), key -> key)).hasSize(COMPACT_KEYS.size());
        }
        assertThat(verify(pair).differences()).isEmpty();
        try (Jedis target = pair.target().client()) {
            target.zadd("zset", 9, "b");
        }
        assertThat(verify(pair).differences()).singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("zset member \"b\" has score 2.0 on source, 9.0 on target"));
    }

    @Test
    void theRateLimitHoldsForAFullVerificationOfThousandsOfKeys() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        int keys = 3000;
        for (RedisServer server : List.of(pair.source(), pair.target())) {
            try (Jedis jedis = server.client()) {
                Pipeline pipeline = jedis.pipelined();
                for (int i = 0; i < keys; i++) {
                    pipeline.set("key:" + i, "value " + i);
                }
                pipeline.sync();
            }
        }
        int rate = 6000;

        long started = System.nanoTime();
        VerificationReport report = verifier.verify(JedisVerifierIT.endpoint(pair.source()),
                JedisVerifierIT.endpoint(pair.target()), options().withRate(rate), progress -> { });
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(report.keysCompared()).isEqualTo(keys);
        // TYPE, PTTL, STRLEN and DUMP per key and side: 12,000 commands to each server, at most 6,000 a second after
        // a burst of a tenth of a second
        assertThat(seconds).isGreaterThanOrEqualTo(4.0 * keys / rate - 0.1);
    }

    private VerificationReport verify(RedisServers.Pair pair) {
        return verifier.verify(JedisVerifierIT.endpoint(pair.source()), JedisVerifierIT.endpoint(pair.target()),
                options(), progress -> { });
    }

    private static VerifyOptions options() {
        return VerifyOptions.defaults().withMode(VerifyMode.FULL).withRate(0).withRounds(1, 0);
    }

    private static BothSides connect(RedisServers.Pair pair) {
        RedisConnections connections = new RedisConnections(new LocalSecretResolver(Map.of()));
        return new BothSides(RedisSide.connect("source", JedisVerifierIT.endpoint(pair.source()), connections, 0),
                RedisSide.connect("target", JedisVerifierIT.endpoint(pair.target()), connections, 0));
    }

    /** Values every version keeps in a compact encoding, so that equal values written alike dump alike. */
    private static void writeCompactValues(RedisServer server) {
        try (Jedis jedis = server.client()) {
            jedis.set("string", "hello");
            jedis.set("counter", "42");
            jedis.rpush("list", "a", "b", "c");
            jedis.hset("hash", "f", "v");
            jedis.sadd("set", "1", "2", "3");
            jedis.zadd("zset", 2, "b");
        }
    }

    private static List<byte[]> keys() {
        return COMPACT_KEYS.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
