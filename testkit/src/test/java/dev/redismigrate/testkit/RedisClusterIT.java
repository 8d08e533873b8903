package dev.redismigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

class RedisClusterIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "V7_0", "V8_0", "VALKEY_8_1"})
    void formsAClusterWhoseSlotsAClusterClientFinds(RedisVersion version) {
        RedisCluster cluster = redis.cluster(version, 3, 1);

        assertThat(cluster.primaries()).hasSize(3);
        cluster.primaries().forEach(primary -> assertThat(cluster.replicasOf(primary)).hasSize(1));
        try (JedisCluster client = new JedisCluster(new HostAndPort(RedisServer.HOST, cluster.nodes().get(0).port()))) {
            for (int i = 0; i < 300; i++) {
                client.set("key:" + i, "v" + i);
            }
        }
        for (int i = 0; i < 300; i++) {
            try (Jedis owner = cluster.ownerOf("key:" + i).client()) {
                assertThat(owner.get("key:" + i)).isEqualTo("v" + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "V7_0", "V8_0", "VALKEY_8_1"})
    void movesASlotWithItsKeysAndFailsAPrimaryOver(RedisVersion version) {
        RedisCluster cluster = redis.cluster(version, 3, 1);
        List<String> keys = List.of("{moved}a", "{moved}b", "{moved}c");
        int slot = RedisCluster.slot("{moved}");
        RedisServer before = cluster.ownerOfSlot(slot);
        try (Jedis owner = before.client()) {
            keys.forEach(key -> owner.set(key, key));
        }
        RedisServer after = cluster.primaries().stream().filter(p -> p.port() != before.port()).findFirst().orElseThrow();

        cluster.moveSlot(slot, after);

        assertThat(cluster.ownerOfSlot(slot).port()).isEqualTo(after.port());
        try (Jedis owner = after.client(); Jedis old = before.client()) {
            keys.forEach(key -> assertThat(owner.get(key)).isEqualTo(key));
            assertThat(old.dbSize()).isZero();
        }

        RedisServer replica = cluster.replicasOf(after).get(0);
        cluster.failover(replica);

        assertThat(cluster.ownerOfSlot(slot).port()).isEqualTo(replica.port());
        assertThat(cluster.primaries()).hasSize(3).noneMatch(p -> p.port() == after.port());
        try (Jedis promoted = replica.client()) {
            keys.forEach(key -> assertThat(promoted.get(key)).isEqualTo(key));
        }
    }
}
