package dev.redismigrate.redisio.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.InstanceFacts.AclSupport;
import dev.redismigrate.core.validation.InstanceFacts.CommandAccess;
import dev.redismigrate.core.validation.Reachability;
import dev.redismigrate.core.validation.ServerVersion;
import dev.redismigrate.core.validation.Side;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import dev.redismigrate.testkit.elasticache.EmulatedElastiCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/** The facts every supported version yields, read the way that version allows. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JedisInstanceProbeIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();
    private final JedisInstanceProbe probe = new JedisInstanceProbe(
            new ProbeSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)));

    @ParameterizedTest
    @EnumSource(RedisVersion.class)
    void readsEveryFactOnEveryVersion(RedisVersion version) {
        RedisServer server = redis.start(version, RedisServerConfig.defaults().password("pw").set("maxmemory", "104857600"));
        try (Jedis jedis = server.client()) {
            jedis.select(2);
            jedis.set("a", "1");
            jedis.setex("b", 100, "2");
        }
        InstanceFacts facts = probe.probe(RedisUri.parse(server.uri()), "pw", Side.SOURCE);

        assertThat(facts.reachability()).as(facts.problem()).isEqualTo(Reachability.REACHABLE);
        assertThat(facts.passwordRequired()).isTrue();
        assertThat(facts.version().toString()).startsWith(switch (version) {
            case V2_8 -> "2.8.";
            case V6_2 -> "6.2.";
            case SYSTEM, V7_0 -> "7.0.";
            case V8_0 -> "8.0.";
            case VALKEY_8_1 -> "7.2."; // Valkey reports the Redis version it is compatible with
        });
        assertThat(facts.runId()).hasSize(40);
        assertThat(facts.role().replica()).isFalse();
        assertThat(facts.loading()).isFalse();
        assertThat(facts.memory().used()).isPositive();
        assertThat(facts.memory().max()).isEqualTo(104_857_600L);
        assertThat(facts.memory().policy()).isEqualTo(version == RedisVersion.V2_8 ? "volatile-lru" : "noeviction");
        assertThat(facts.databases()).isEqualTo(16);
        assertThat(facts.keyspace()).containsExactlyEntriesOf(java.util.Map.of(2, new DbKeyCount(2, 1)));
        assertThat(facts.highestDbInUse()).hasValue(2);
        assertThat(facts.modules()).isEqualTo(List.of());
        assertThat(facts.acl()).as("only the target is locked, so only the target is tried").isNull();
        assertThat(facts.replication().psync()).isEqualTo(CommandAccess.ALLOWED);
        assertThat(facts.replication().sync()).isEqualTo(CommandAccess.ALLOWED);
        assertThat(facts.dataTypes()).isEqualTo(new InstanceFacts.DataTypes(false, false, true, 0));
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V2_8", "V6_2", "V7_0"})
    void aTargetsAclIsTriedWithAThrowawayUserThatDoesNotStay(RedisVersion version) {
        RedisServer server = redis.start(version);
        InstanceFacts facts = probe.probe(RedisUri.parse(server.uri()), null, Side.TARGET);
        assertThat(facts.acl()).isEqualTo(version == RedisVersion.V2_8 ? AclSupport.NONE : AclSupport.AVAILABLE);
        if (version != RedisVersion.V2_8) {
            try (Jedis jedis = server.client()) {
                assertThat(jedis.aclUsers()).containsExactly("default");
            }
        }
    }

    @Test
    void aTargetUserThatMayNotCreateUsersCannotLock() {
        RedisServer server = redis.start(RedisVersion.V7_0, RedisServerConfig.defaults().aclUser("app on >pw ~* +@all -acl"));
        InstanceFacts facts = probe.probe(RedisUri.parse("redis://app:pw@127.0.0.1:" + server.port()), "pw", Side.TARGET);
        assertThat(facts.acl()).isEqualTo(AclSupport.DENIED);
    }

    @Test
    void aManagedTargetIsProbedWithoutTheCommandsElastiCacheRefuses() {
        try (EmulatedElastiCache elastiCache = new EmulatedElastiCache(Duration.ofMillis(300))) {
            elastiCache.defineSecurityGroup("sg-open", Set.of(EmulatedElastiCache.ANYWHERE));
            ReplicationGroup group = elastiCache.addReplicationGroup("orders", redis.start(RedisVersion.V7_0),
                    ReplicationGroup.AuthMode.AUTH_TOKEN, "auth-token-0123456789", List.of("sg-open"));

            InstanceFacts facts = probe.probeManagedTarget(
                    new RedisEndpoint(group.endpointHost(), group.endpointPort(), false, null, null), "auth-token-0123456789");

            assertThat(facts.reachability()).as(facts.problem()).isEqualTo(Reachability.REACHABLE);
            assertThat(facts.databases()).as("found with SELECT").isEqualTo(16);
            assertThat(facts.memory().policy()).isEqualTo("noeviction");
            assertThat(facts.acl()).as("the lock is decided from the cloud API").isNull();
            assertThat(elastiCache.proxy("orders").refused()).isEmpty();
        }
    }

    @Test
    void aTargetIsNotAskedAboutReplication() {
        RedisServer server = redis.start();
        InstanceFacts facts = probe.probe(RedisUri.parse(server.uri()), null, Side.TARGET);
        assertThat(facts.passwordRequired()).isFalse();
        assertThat(facts.replication()).isNull();
        assertThat(facts.dataTypes()).isNull();
    }

    @Test
    void aSourceIsSearchedOnlyForTypesTheTargetCannotHold() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        try (Jedis jedis = server.client()) {
            jedis.xadd("events", StreamEntryID.NEW_ENTRY, Map.of("f", "v"));
        }
        RedisEndpoint source = RedisUri.parse(server.uri());

        InstanceFacts forOldTarget = probe.probeSource(source, null, new ServerVersion(4, 0, 14));
        InstanceFacts forNewTarget = probe.probeSource(source, null, new ServerVersion(7, 0, 15));

        assertThat(forOldTarget.dataTypes().streamsFound()).isTrue();
        assertThat(forNewTarget.dataTypes().streamsFound()).isFalse(); // not looked for: the target holds streams
        assertThat(forNewTarget.dataTypes().typeScanComplete()).isTrue();
    }

    @Test
    void probingChangesNothing() {
        RedisServer server = redis.start(RedisVersion.V6_2, RedisServerConfig.defaults().aclUser("mig on >pw ~* +@all -psync"));
        try (Jedis jedis = server.client()) {
            jedis.set("k", "v");
        }
        probe.probe(RedisUri.parse("redis://mig:pw@127.0.0.1:" + server.port()), "pw", Side.SOURCE);
        try (Jedis jedis = server.client()) {
            String replication = jedis.info("replication");
            assertThat(replication).contains("connected_slaves:0");
            assertThat(jedis.dbSize()).isEqualTo(1);
            assertThat(jedis.info("persistence")).contains("rdb_bgsave_in_progress:0").contains("rdb_last_bgsave_status:ok");
            assertThat(jedis.info("stats")).contains("sync_full:0");
        }
    }
}
