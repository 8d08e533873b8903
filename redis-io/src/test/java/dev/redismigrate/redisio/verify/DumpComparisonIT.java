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
import java.time.Clock;
import java.util.ArrayList;
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
    void theFastPathProvesSmallEqualValuesAndLeavesTheOthersToTheFullComparison() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        writeCompactValues(pair.source());
        writeCompactValues(pair.target());
        String big = "x".repeat(200 * 1024);
        try (Jedis source = pair.source().client(); Jedis target = pair.target().client()) {
            source.set("big", big);
            target.set("big", big);
            target.set("string", "other");
            source.set("only-on-source", "v");
            source.expire("list", 100);
        }
        List<byte[]> keys = new ArrayList<>(keys());
        keys.add("big".getBytes(StandardCharsets.UTF_8));
        keys.add("only-on-source".getBytes(StandardCharsets.UTF_8));

        try (BothSides sides = connect(pair)) {
            PayloadFastPath fastPath = new PayloadFastPath(sides, new DumpPayloads(), 2000);
            PayloadFastPath.Outcome outcome = fastPath.compare(0, keys);

            assertThat(outcome.equal()).as("counter, hash, set, zset").isEqualTo(4);
            assertThat(outcome.rest()).as("payloads apart, TTLs apart, too big, missing").extracting(DumpComparisonIT::text)
                    .containsExactlyInAnyOrder("string", "list", "big", "only-on-source");
            assertThat(fastPath.usable()).isTrue();
        }
    }

    @Test
    void aServerWithoutMemoryUsageTurnsTheFastPathOffAndTheFullComparisonStillFindsDifferences() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.V2_8, RedisVersion.V2_8);
        writeCompactValues(pair.source());
        writeCompactValues(pair.target());
        try (Jedis target = pair.target().client()) {
            target.set("string", "other");
        }

        try (BothSides sides = connect(pair)) {
            PayloadFastPath fastPath = new PayloadFastPath(sides, new DumpPayloads(), 2000);
            assertThat(fastPath.compare(0, keys()).rest()).hasSize(keys().size());
            assertThat(fastPath.usable()).isFalse();
        }
        assertThat(verify(pair).differences()).singleElement()
                .satisfies(d -> assertThat(d.key()).isEqualTo("string"));
    }

    @Test
    void theRateLimitCountsKeysNotCommands() {
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
        ManualTicker waited = new ManualTicker();

        VerificationReport report = new JedisVerifier(new LocalSecretResolver(Map.of()), Clock.systemUTC(), waited)
                .verify(JedisVerifierIT.endpoint(pair.source()), JedisVerifierIT.endpoint(pair.target()),
                        options().withRate(rate), progress -> { });

        assertThat(report.keysCompared()).isEqualTo(keys);
        // each side: 3000 keys compared plus a few SCAN pages and one EXISTS per page of target keys, after a burst of a
        // tenth of a second; three commands a key (PTTL, MEMORY USAGE, DUMP) would take three times as long
        assertThat(waited.secondsSlept()).isBetween((double) keys / rate - 0.1, (keys + 20.0) / rate);
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
        return new BothSides(RedisSide.connect("source", JedisVerifierIT.endpoint(pair.source()), connections, new Throttle(0)),
                RedisSide.connect("target", JedisVerifierIT.endpoint(pair.target()), connections, new Throttle(0)));
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
