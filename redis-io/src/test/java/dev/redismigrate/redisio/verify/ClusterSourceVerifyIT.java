package dev.redismigrate.redisio.verify;

import static dev.redismigrate.redisio.verify.ClusterTargetVerifyIT.clusterClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.core.verify.VerifyPhase;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis Cluster source (three primaries) against a standalone target and against a cluster target of four
 * primaries: every source primary read, counts summed and kept per primary, a difference in one shard's keys named
 * with its key in {@code sample} and {@code full}, and a reshard during a full verification followed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterSourceVerifyIT {
    private static final int KEYS = 1_500;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final JedisVerifier verifier = new JedisVerifier(new LocalSecretResolver(Map.of()));

    @Test
    void equalDataPassesInEveryModeWithCountsPerSourcePrimary() {
        RedisCluster source = redis.cluster(RedisVersion.V7_0);
        RedisServer target = redis.start(RedisVersion.V7_0);
        try (JedisCluster s = clusterClient(source);
             UnifiedJedis t = RedisClient.create(target.host(), target.port())) {
            write(s);
            write(t);
        }

        for (VerifyMode mode : VerifyMode.values()) {
            VerificationReport report = verify(node(source), endpoint(target), mode);
            assertThat(report.differences()).as(mode.label()).isEmpty();
            assertThat(report.summary()).startsWith("EQUAL");
            assertThat(report.sourceKeys().get(0).keys()).isEqualTo(KEYS);
            assertThat(report.sourceKeysByNode()).hasSize(3)
                    .containsOnlyKeys(source.primaries().stream().map(p -> p.host() + ":" + p.port()).toList());
            assertThat(report.sourceKeysByNode().values()).allSatisfy(counts -> assertThat(counts.get(0).keys())
                    .isPositive());
            assertThat(report.sourceKeysByNode().values().stream().mapToLong(c -> c.get(0).keys()).sum())
                    .isEqualTo(KEYS);
            assertThat(report.targetKeysByNode()).isEmpty();
            if (mode == VerifyMode.FULL) {
                assertThat(report.keysCompared()).isEqualTo(KEYS);
            }
        }
    }

    @Test
    void aMissingKeyAChangedValueAndAnotherTtlInOneShardOfTheSourceAreFoundAgainstAStandaloneTarget() {
        RedisCluster source = redis.cluster(RedisVersion.V7_0);
        RedisServer target = redis.start(RedisVersion.V7_0);
        List<String> shardKeys = keysOf(source, source.primaries().get(2), 3);
        try (JedisCluster s = clusterClient(source);
             UnifiedJedis t = RedisClient.create(target.host(), target.port())) {
            write(s);
            write(t);
            inject(shardKeys, t);
        }

        assertDifferencesFound(node(source), endpoint(target), shardKeys);
        VerificationReport counts = verify(node(source), endpoint(target), VerifyMode.COUNTS);
        assertThat(counts.differences()).extracting(Difference::kind).containsExactly(DifferenceKind.COUNT);
    }

    @Test
    void aClusterSourceOfThreePrimariesAgainstAClusterTargetOfFourFindsTheDifferencesOfOneShard() {
        RedisCluster source = redis.cluster(RedisVersion.V7_0);
        RedisCluster target = redis.cluster(RedisVersion.V7_0, 4, 0);
        List<String> shardKeys = keysOf(source, source.primaries().get(0), 3);
        try (JedisCluster s = clusterClient(source); JedisCluster t = clusterClient(target)) {
            write(s);
            write(t);
        }

        VerificationReport equal = verify(node(source), node(target), VerifyMode.FULL);
        assertThat(equal.differences()).isEmpty();
        assertThat(equal.keysCompared()).isEqualTo(KEYS);
        assertThat(equal.sourceKeysByNode()).hasSize(3);
        assertThat(equal.targetKeysByNode()).hasSize(4);

        try (JedisCluster t = clusterClient(target)) {
            inject(shardKeys, t);
        }
        assertDifferencesFound(node(source), node(target), shardKeys);
    }

    @Test
    void aSlotMovedOnEachSideDuringAFullVerificationIsFollowedAndTheDataStillVerifies() throws Exception {
        RedisCluster source = redis.cluster(RedisVersion.V7_0);
        RedisCluster target = redis.cluster(RedisVersion.V7_0, 4, 0);
        try (JedisCluster s = clusterClient(source); JedisCluster t = clusterClient(target)) {
            write(s);
            write(t);
        }
        // the slot of a key on the last source primary walked, moved to the first: read from its new owner
        int sourceSlot = RedisCluster.slot(keysOf(source, source.primaries().get(2), 1).get(0));
        int targetSlot = RedisCluster.slot(keysOf(target, target.primaries().get(3), 1).get(0));

        CountDownLatch comparing = new CountDownLatch(1);
        VerifyOptions options = VerifyOptions.defaults().withMode(VerifyMode.FULL).withRate(500).withRounds(2, 50);
        CompletableFuture<VerificationReport> running = CompletableFuture.supplyAsync(() -> verifier.verify(
                node(source), node(target), options, progress -> {
                    if (progress.phase() == VerifyPhase.SOURCE_KEYS && progress.done() > 0) {
                        comparing.countDown();
                    }
                }));
        assertThat(comparing.await(60, TimeUnit.SECONDS)).isTrue();
        source.moveSlot(sourceSlot, source.primaries().get(0));
        target.moveSlot(targetSlot, target.primaries().get(0));

        VerificationReport report = running.get(120, TimeUnit.SECONDS);
        assertThat(report.differences()).isEmpty();
        assertThat(report.summary()).startsWith("EQUAL");
        assertThat(report.sourceKeys().get(0).keys()).isEqualTo(KEYS);
        // the moved slot's keys read again from its new owner, which the walk may have passed already
        assertThat(report.keysCompared()).isGreaterThanOrEqualTo(KEYS);
    }

    /** In {@code sample} (the database read whole: the sample is bigger than it) and in {@code full}. */
    private void assertDifferencesFound(RedisEndpoint source, RedisEndpoint target, List<String> shardKeys) {
        for (VerifyMode mode : List.of(VerifyMode.SAMPLE, VerifyMode.FULL)) {
            Map<String, DifferenceKind> found = verify(source, target, mode).differences().stream()
                    .filter(d -> d.key() != null)
                    .collect(Collectors.toMap(Difference::key, Difference::kind));
            assertThat(found).as(mode.label()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    shardKeys.get(0), DifferenceKind.MISSING_ON_TARGET,
                    shardKeys.get(1), DifferenceKind.VALUE,
                    shardKeys.get(2), DifferenceKind.TTL));
        }
    }

    /** On the target: the first key deleted, the second changed, the third given a TTL the source's has not. */
    private static void inject(List<String> keys, UnifiedJedis target) {
        target.del(keys.get(0));
        target.set(keys.get(1), "changed");
        target.expire(keys.get(2), 3_600);
    }

    /** {@code n} string keys written by {@link #write} that {@code primary} serves. */
    private static List<String> keysOf(RedisCluster cluster, RedisServer primary, int n) {
        return IntStream.range(0, KEYS).mapToObj(i -> "key:" + i)
                .filter(key -> cluster.ownerOf(key).port() == primary.port()).limit(n).toList();
    }

    private VerificationReport verify(RedisEndpoint source, RedisEndpoint target, VerifyMode mode) {
        return verifier.verify(source, target, VerifyOptions.defaults().withMode(mode).withRate(0).withRounds(2, 50)
                .withSampleSize(2 * KEYS), progress -> { });
    }

    /** Strings without a TTL: one key of each shard can be told apart by its name. */
    private static void write(UnifiedJedis redis) {
        for (int i = 0; i < KEYS; i++) {
            redis.set("key:" + i, "v" + i);
        }
    }

    /** The cluster by the address of one node that is not its first. */
    private static RedisEndpoint node(RedisCluster cluster) {
        return endpoint(cluster.primaries().get(1));
    }

    private static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.of(server.host(), server.port());
    }
}
