package dev.redismigrate.redisio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Big values (read in chunks, {@link ChunkedValues}) with one difference deep inside, past the first chunks: each is
 * found, on a target with the 6.2 lookups of many elements ({@code SMISMEMBER}, {@code ZMSCORE}) and on one without.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BigValuesVerifyIT {
    private static final int ELEMENTS = 40_000;
    private static final int DEEP = 33_333;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final JedisVerifier verifier = new JedisVerifier(new LocalSecretResolver(Map.of()));

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"SYSTEM", "V2_8"})
    void oneDifferenceDeepInsideABigValueIsFound(RedisVersion targetVersion) {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, targetVersion);
        for (RedisServer server : List.of(pair.source(), pair.target())) {
            try (Jedis jedis = server.client()) {
                for (String prefix : List.of("equal:", "")) {
                    writeBig(jedis, prefix);
                }
            }
        }
        try (Jedis t = pair.target().client()) {
            t.lset("list", DEEP, "changed");
            t.hset("hash", "field" + DEEP, "changed");
            t.srem("set", "member" + DEEP);
            t.sadd("set", "other");
            t.zadd("zset", 0.5, "member" + DEEP);
            t.sadd("set:extra", "member" + ELEMENTS);
            t.hset("hash:extra", "field" + ELEMENTS, "value");
        }

        VerificationReport report = verifier.verify(JedisVerifierIT.endpoint(pair.source()),
                JedisVerifierIT.endpoint(pair.target()),
                VerifyOptions.defaults().withMode(VerifyMode.FULL).withRate(0).withRounds(1, 0), p -> { });

        Map<String, String> details = report.differences().stream()
                .collect(Collectors.toMap(Difference::key, d -> d.kind() + " " + d.detail(), (a, b) -> a, TreeMap::new));
        assertThat(details).containsExactlyInAnyOrderEntriesOf(Map.of(
                "list", "VALUE list element " + DEEP + " differs",
                "hash", "VALUE hash field \"field" + DEEP + "\" differs",
                "set", "VALUE set member \"member" + DEEP + "\" missing on target",
                "zset", "VALUE zset member \"member" + DEEP + "\" has score " + DEEP + ".0 on source, 0.5 on target",
                "set:extra", "VALUE set has " + ELEMENTS + " members on source, " + (ELEMENTS + 1) + " on target",
                "hash:extra", "VALUE hash has " + ELEMENTS + " fields on source, " + (ELEMENTS + 1) + " on target"));
    }

    /** A list, hash, set and sorted set of {@link #ELEMENTS} elements each, and a set and hash to grow later. */
    private static void writeBig(Jedis jedis, String prefix) {
        Pipeline p = jedis.pipelined();
        for (int i = 0; i < ELEMENTS; i++) {
            p.rpush(prefix + "list", "element" + i);
            p.hset(prefix + "hash", "field" + i, "value" + i);
            p.sadd(prefix + "set", "member" + i);
            p.zadd(prefix + "zset", i, "member" + i);
            if (prefix.isEmpty()) {
                p.sadd("set:extra", "member" + i);
                p.hset("hash:extra", "field" + i, "value" + i);
            }
        }
        p.sync();
    }
}
