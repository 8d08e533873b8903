package dev.redismigrate.testkit.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.testkit.LoopbackClients;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/** A replication group with cluster mode enabled over a real three-primary cluster, each primary behind its proxy. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmulatedClusterModeGroupIT {
    private static final String APPLICATION = "127.0.0.2";

    @RegisterExtension
    final RedisServers redis = new RedisServers();
    private final EmulatedElastiCache elastiCache = new EmulatedElastiCache(Duration.ofMillis(300));
    private RedisCluster cluster;
    private ReplicationGroup group;

    @BeforeEach
    void clusterModeGroup() {
        List<RedisServer> nodes = IntStream.range(0, 3)
                .mapToObj(i -> redis.start(RedisVersion.SYSTEM, RedisCluster.nodeConfig())).toList();
        cluster = RedisCluster.form(nodes, 3);
        elastiCache.addUser("migrator", "migrator", "migrator-password", "on ~* +@all");
        elastiCache.addUserGroup("ug", List.of(EmulatedElastiCache.DEFAULT_USER_ID, "migrator"));
        elastiCache.defineSecurityGroup("sg-open", Set.of(EmulatedElastiCache.ANYWHERE));
        elastiCache.defineSecurityGroup("sg-migration", Set.of("127.0.0.1"));
        group = elastiCache.addClusterModeGroup("sharded", cluster, AuthMode.RBAC, null, List.of("sg-open"));
        elastiCache.attachUserGroup("sharded", "ug");
    }

    @AfterEach
    void close() {
        elastiCache.close();
    }

    @Test
    void theGroupIsDescribedWithItsConfigurationEndpointAndOneShardPerPrimary() {
        assertThat(group.clusterMode()).isTrue();
        assertThat(group.endpointPort()).isEqualTo(elastiCache.proxy("sharded").port());
        assertThat(group.shardIds()).containsExactly("0001", "0002", "0003");
    }

    @Test
    void theClusterAnnouncesTheProxiesOnlyAndRedirectsToThem() {
        Set<Integer> proxyPorts = new HashSet<>(elastiCache.proxies("sharded").stream().map(ElastiCacheProxy::port).toList());
        Set<Integer> nodePorts = new HashSet<>(cluster.nodes().stream().map(RedisServer::port).toList());
        // RedisCluster.form gives the first node the first third of the slots; the configuration endpoint is its proxy
        String key = IntStream.range(0, 100).mapToObj(i -> "k" + i)
                .filter(k -> RedisCluster.slot(k) >= RedisCluster.SLOTS / 3).findFirst().orElseThrow();

        try (Jedis configuration = migrator(elastiCache.proxy("sharded"))) {
            String nodes = configuration.clusterNodes();
            nodePorts.forEach(port -> assertThat(nodes).doesNotContain(":" + port + "@"));
            proxyPorts.forEach(port -> assertThat(nodes).contains("127.0.0.1:" + port + "@"));
            assertThatThrownBy(() -> configuration.set(key, "v"))
                    .isInstanceOfSatisfying(JedisMovedDataException.class,
                            moved -> assertThat(proxyPorts).contains(moved.getTargetNode().getPort()));
            assertThatThrownBy(() -> configuration.clusterSetSlotStable(0)).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR unknown subcommand 'SETSLOT'. Try CLUSTER HELP.");
        }
        try (JedisCluster client = new JedisCluster(new HostAndPort(group.endpointHost(), group.endpointPort()),
                2000, 2000, 5, "migrator", "migrator-password", null, new ConnectionPoolConfig())) {
            IntStream.range(0, 100).forEach(i -> client.set("k" + i, "v" + i));
            assertThat(client.get("k42")).isEqualTo("v42");
        }
        long keys = cluster.nodes().stream().mapToLong(node -> {
            try (Jedis direct = node.client()) {
                return direct.dbSize();
            }
        }).sum();
        assertThat(keys).isEqualTo(100);
        assertThat(elastiCache.proxies("sharded")).allSatisfy(proxy ->
                assertThat(proxy.refused()).extracting(RefusedCommand::command).doesNotContain("set"));
    }

    @Test
    void usersAndSecurityGroupsApplyToEveryNode() throws InterruptedException {
        for (ElastiCacheProxy proxy : elastiCache.proxies("sharded")) {
            try (Jedis node = migrator(proxy)) {
                assertThat(node.ping()).isEqualTo("PONG");
            }
        }
        elastiCache.modifySecurityGroups("sharded", List.of("sg-migration"));
        elastiCache.awaitSettled(Duration.ofSeconds(10));

        for (ElastiCacheProxy proxy : elastiCache.proxies("sharded")) {
            assertThatThrownBy(() -> LoopbackClients.jedisFrom(APPLICATION, proxy.host(), proxy.port(), "migrator",
                    "migrator-password")).isInstanceOf(JedisConnectionException.class);
            try (Jedis migration = migrator(proxy)) {
                assertThat(migration.ping()).isEqualTo("PONG");
            }
        }
    }

    private static Jedis migrator(ElastiCacheProxy proxy) {
        Jedis jedis = new Jedis(proxy.host(), proxy.port());
        jedis.auth("migrator", "migrator-password");
        return jedis;
    }
}
