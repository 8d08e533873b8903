package dev.redismigrate.redisio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A standalone source against a whole Redis Cluster: counts summed over the primaries, every key looked up on the
 * primary serving its slot, extra keys found on any primary, redis-migrate's checkpoint keys (one per slot) ignored.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterTargetVerifyIT {
    private static final int KEYS = 3_000;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final JedisVerifier verifier = new JedisVerifier(new LocalSecretResolver(Map.of()));

    @Test
    void equalDataOnAClusterIsEqualInEveryModeWithItsCheckpointKeysLeftOut() {
        RedisServer source = redis.start(RedisVersion.V7_0);
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        try (UnifiedJedis s = RedisClient.create(source.host(), source.port());
             JedisCluster t = clusterClient(cluster)) {
            write(s);
            write(t);
            t.hset("__redis-migrate:checkpoint:t1", "offset", "1");
            for (String tag : List.of("a", "b", "c", "d")) {
                t.hset("__redis-migrate:checkpoint:t1:{" + tag + "}", "offset", "1");
            }
        }

        for (VerifyMode mode : VerifyMode.values()) {
            VerificationReport report = verify(source, cluster, mode);
            assertThat(report.differences()).as(mode.label()).isEmpty();
            assertThat(report.summary()).startsWith("EQUAL");
            assertThat(report.targetKeys()).isEqualTo(report.sourceKeys());
            assertThat(report.targetKeysByNode()).hasSize(3);
            assertThat(report.targetKeysByNode().values().stream().mapToLong(c -> c.get(0).keys()).sum())
                    .isEqualTo(report.targetKeys().get(0).keys() + 5); // with the checkpoint keys
            if (mode == VerifyMode.FULL) {
                assertThat(report.keysCompared()).isEqualTo(KEYS + 1);
            }
        }
    }

    @Test
    void aKeyMissingOnOnePrimaryAChangedValueAndAnExtraKeyOnAnotherAreFound() {
        RedisServer source = redis.start(RedisVersion.V7_0);
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        String extra = IntStream.range(0, 100).mapToObj(i -> "only-on-target:" + i)
                .filter(key -> !cluster.ownerOf(key).equals(cluster.ownerOf("string:1"))).findFirst().orElseThrow();
        try (UnifiedJedis s = RedisClient.create(source.host(), source.port());
             JedisCluster t = clusterClient(cluster)) {
            write(s);
            write(t);
            t.del("string:1");
            t.set("string:2", "changed");
            t.set(extra, "x");
        }

        VerificationReport full = verify(source, cluster, VerifyMode.FULL);
        Map<String, DifferenceKind> found = full.differences().stream()
                .collect(Collectors.toMap(Difference::key, Difference::kind));
        assertThat(found).containsEntry("string:1", DifferenceKind.MISSING_ON_TARGET)
                .containsEntry("string:2", DifferenceKind.VALUE)
                .containsEntry(extra, DifferenceKind.EXTRA_ON_TARGET);

        try (JedisCluster t = clusterClient(cluster)) {
            t.del(extra); // one key fewer than the source, summed over the primaries
        }
        VerificationReport counts = verify(source, cluster, VerifyMode.COUNTS);
        assertThat(counts.differences()).extracting(Difference::kind).containsExactly(DifferenceKind.COUNT);
    }

    private VerificationReport verify(RedisServer source, RedisCluster cluster, VerifyMode mode) {
        RedisServer anyNode = cluster.primaries().get(1);
        return verifier.verify(RedisEndpoint.of(source.host(), source.port()),
                RedisEndpoint.of(anyNode.host(), anyNode.port()),
                VerifyOptions.defaults().withMode(mode).withRate(0).withRounds(2, 50)
                        .withKnownIgnoredKeys(List.of("__redis-migrate:checkpoint:t1")), progress -> { });
    }

    /** Strings (some with a TTL), hashes, lists, sets, sorted sets, and one hash big enough to be read in chunks. */
    private static void write(UnifiedJedis redis) {
        for (int i = 0; i < KEYS / 5; i++) {
            redis.set("string:" + i, "v" + i);
            if (i % 3 == 0) {
                redis.pexpireAt("string:" + i, 4_102_444_800_000L);
            }
            redis.hset("hash:" + i, Map.of("f", "v" + i, "g", "w"));
            redis.rpush("list:" + i, "a", "b", "c" + i);
            redis.sadd("set:" + i, "x", "y" + i);
            redis.zadd("zset:" + i, Map.of("m", 1.0, "n" + i, 2.0));
        }
        Map<String, String> big = new HashMap<>();
        for (int f = 0; f < 20_000; f++) {
            big.put("field" + f, "value" + f);
        }
        redis.hset("big", big);
    }

    /** A cluster client seeded with the first primary (the other ITs of clusters use it too). */
    static JedisCluster clusterClient(RedisCluster cluster) {
        RedisServer node = cluster.primaries().get(0);
        return new JedisCluster(Set.of(new HostAndPort(node.host(), node.port())));
    }
}
