package dev.redismigrate.redisio.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** ACL users are per node in Redis Cluster: the lock is put on every node, survives a failover, and comes off each. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterAclTargetLockIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final AclTargetLock targetLock = new AclTargetLock(new RedisConnections(new LocalSecretResolver()),
            Clock.systemUTC());

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V7_0", "VALKEY_8_1"})
    void everyNodeIsLockedThroughAReplicaEvenOneAFailoverPromotesAndEachIsPutBackExactly(RedisVersion version) {
        RedisCluster cluster = redis.cluster(version, 3, 1);
        cluster.nodes().forEach(node -> {
            try (Jedis admin = node.client()) {
                admin.aclSetUser("app", "on", ">app-pw", "~*", "+@all");
            }
        });
        Map<RedisServer, List<String>> before = new LinkedHashMap<>();
        cluster.nodes().forEach(node -> before.put(node, aclList(node)));
        RedisServer primary = cluster.primaries().get(0);
        RedisServer replica = cluster.replicasOf(primary).get(0);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(replica.host(), replica.port()));

        TargetLock.Grant grant = targetLock.lock(target, targetLock.prepare(target, "t3stcluster1"));

        AclLockRecord record = (AclLockRecord) grant.record();
        assertThat(record.cluster()).isTrue();
        assertThat(record.savedAclRulesByNode()).hasSize(6);
        for (RedisServer owner : cluster.primaries()) {
            String key = keyOwnedBy(cluster, owner);
            try (Jedis app = as(owner, "app", "app-pw"); Jedis writer = as(owner, grant.writer())) {
                assertThatThrownBy(() -> app.set(key, "during")).isInstanceOf(JedisDataException.class)
                        .hasMessageContaining("NOPERM");
                writer.set(key, "migrated");
            }
        }

        cluster.failover(replica);
        String promotedKey = keyOwnedBy(cluster, replica);
        try (Jedis app = as(replica, "app", "app-pw"); Jedis writer = as(replica, grant.writer())) {
            assertThatThrownBy(() -> app.set(promotedKey, "after failover")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("NOPERM");
            writer.set(promotedKey, "migrated after failover");
        }

        targetLock.unlock(target, record);

        before.forEach((node, rules) -> assertThat(aclList(node)).as(node.toString()).isEqualTo(rules));
        try (Jedis app = as(replica, "app", "app-pw")) {
            app.set(promotedKey, "after");
        }
        targetLock.unlock(target, record); // twice is harmless
    }

    @Test
    void eachShardsUserIsOnEveryNodeAndRegrantingOneShardCutsOffOnlyItsEarlierWriters() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 1);
        Map<RedisServer, List<String>> before = new LinkedHashMap<>();
        cluster.nodes().forEach(node -> before.put(node, aclList(node)));
        RedisServer given = cluster.primaries().get(0);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(given.host(), given.port()));
        TargetLock.Grant whole = targetLock.lock(target, targetLock.prepare(target, "t3stcluster3"));
        List<SyncShard> shards = cluster.primaries().stream()
                .map(primary -> new SyncShard(firstSlotRange(primary), primary.host() + ":" + primary.port(), null))
                .toList();
        Map<SyncShard, TargetLock.Grant> grants = new LinkedHashMap<>();
        shards.forEach(shard -> grants.put(shard, targetLock.regrant(target, whole.record(), shard)));

        for (RedisServer node : cluster.nodes()) {
            assertThat(aclUsers(node)).as(node.toString()).contains(whole.writer().username())
                    .containsAll(grants.values().stream().map(grant -> grant.writer().username()).toList());
        }
        // every credential writes on every primary at once: a shard's primary may change with a failover
        Map<RedisServer, List<Jedis>> writers = new LinkedHashMap<>();
        for (RedisServer primary : cluster.primaries()) {
            String key = keyOwnedBy(cluster, primary);
            List<Jedis> onPrimary = new ArrayList<>();
            onPrimary.add(as(primary, whole.writer()));
            grants.values().forEach(grant -> onPrimary.add(as(primary, grant.writer())));
            onPrimary.forEach(writer -> assertThat(writer.set(key, "v")).isEqualTo("OK"));
            writers.put(primary, onPrimary);
        }

        TargetLock.Grant again = targetLock.regrant(target, whole.record(), shards.get(0));

        writers.forEach((primary, onPrimary) -> {
            String key = keyOwnedBy(cluster, primary);
            assertThatThrownBy(() -> onPrimary.get(1).set(key, "old first shard"))
                    .isInstanceOf(JedisConnectionException.class);
            assertThatThrownBy(() -> as(primary, grants.get(shards.get(0)).writer()))
                    .isInstanceOf(JedisDataException.class);
            for (Jedis other : List.of(onPrimary.get(0), onPrimary.get(2), onPrimary.get(3))) {
                assertThat(other.set(key, "still")).isEqualTo("OK");
            }
            try (Jedis newFirst = as(primary, again.writer())) {
                assertThat(newFirst.set(key, "new first shard")).isEqualTo("OK");
            }
        });

        targetLock.unlock(target, whole.record());

        before.forEach((node, rules) -> assertThat(aclList(node)).as(node.toString()).isEqualTo(rules));
        writers.values().forEach(onPrimary -> onPrimary.forEach(Jedis::close));
    }

    @Test
    void aReplicaTheClusterHoldsAsFailedIsLeftOutAndTheOthersAreLocked() throws InterruptedException {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 1);
        RedisServer primary = cluster.primaries().get(0);
        RedisServer down = cluster.replicasOf(cluster.primaries().get(1)).get(0);
        down.kill();
        awaitFlaggedFailed(primary, down);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(primary.host(), primary.port()));

        TargetLock.Grant grant = targetLock.lock(target, targetLock.prepare(target, "t3stcluster2"));

        assertThat(((AclLockRecord) grant.record()).savedAclRulesByNode()).hasSize(5)
                .doesNotContainKey("127.0.0.1:" + down.port());
        targetLock.unlock(target, grant.record());
    }

    /** Until {@code observer} lists {@code node} with the {@code fail} flag (node timeout 2 s; 30 s at most). */
    private static void awaitFlaggedFailed(RedisServer observer, RedisServer node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = observer.client()) {
                boolean failed = jedis.clusterNodes().lines().anyMatch(line -> line.contains(":" + node.port() + "@")
                        && List.of(line.split(" ")[2].split(",")).contains("fail"));
                if (failed) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(node + " was not flagged as failed in time");
    }

    private static String keyOwnedBy(RedisCluster cluster, RedisServer owner) {
        return IntStream.range(0, 10_000).mapToObj(i -> "k" + i).filter(k -> cluster.ownerOf(k).equals(owner))
                .findFirst().orElseThrow();
    }

    /** The primary's first slot range, as validation names the shard ({@code 0-5460}). */
    private static String firstSlotRange(RedisServer primary) {
        try (Jedis jedis = primary.client()) {
            String line = jedis.clusterNodes().lines().filter(l -> l.contains("myself")).findFirst().orElseThrow();
            return line.split(" ")[8];
        }
    }

    private static List<String> aclUsers(RedisServer server) {
        try (Jedis admin = server.client()) {
            return admin.aclUsers();
        }
    }

    private static List<String> aclList(RedisServer server) {
        try (Jedis admin = server.client()) {
            return admin.aclList();
        }
    }

    private static Jedis as(RedisServer server, String user, String password) {
        return as(server, new RedisEndpoint(server.host(), server.port(), false, user, new SecretRef.ProcessOnly(password)));
    }

    private static Jedis as(RedisServer server, RedisEndpoint endpoint) {
        String password = ((SecretRef.ProcessOnly) endpoint.password()).value();
        return new Jedis(new HostAndPort(server.host(), server.port()), DefaultJedisClientConfig.builder()
                .timeoutMillis(2000).user(endpoint.username()).password(password).build());
    }
}
