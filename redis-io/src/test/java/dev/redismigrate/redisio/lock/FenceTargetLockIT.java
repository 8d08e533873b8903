package dev.redismigrate.redisio.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ElastiCacheException.Kind;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.port.TargetLock.Grant;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.task.FenceLockRecord;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.testkit.LoopbackClients;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import dev.redismigrate.testkit.elasticache.ElastiCacheProxy;
import dev.redismigrate.testkit.elasticache.EmulatedElastiCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FenceTargetLockIT {
    private static final String TASK = "t3stfence9ab";
    private static final String APPLICATION = "127.0.0.2";
    private static final String MIGRATION = "127.0.0.1";
    private static final String AUTH_TOKEN = "application-auth-token-0123456789";
    private static final List<String> APPLICATION_GROUPS = List.of("sg-app", "sg-admin");
    private static final List<String> FENCE = List.of("sg-fence");
    private static final Duration SETTLE = Duration.ofMillis(300);

    @RegisterExtension
    final RedisServers redis = new RedisServers();
    private final EmulatedElastiCache elastiCache = new EmulatedElastiCache(SETTLE);
    private final FenceTargetLock lock = new FenceTargetLock(elastiCache,
            new RedisConnections(new LocalSecretResolver()), FENCE,
            new CloudPacing(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(20),
                    Retry.Sleeper.REAL), Clock.systemUTC());
    private TargetSpec target;
    private String password;

    @AfterEach
    void closeEmulation() {
        elastiCache.close();
    }

    @ParameterizedTest
    @EnumSource(value = AuthMode.class, names = {"AUTH_TOKEN", "NONE"})
    void noOtherClientReachesTheTargetWhileLockedAndTheSecurityGroupsComeBackAfterUnlock(AuthMode auth) {
        fencedReplicationGroup(auth);
        Jedis application = application();
        Jedis sameHostAsMigration = client(MIGRATION);
        application.set("k", "before");

        FenceLockRecord record = (FenceLockRecord) lock.prepare(target, TASK);
        assertThat(elastiCache.calls()).doesNotContain("ModifyReplicationGroup");
        Grant grant = lock.lock(target, record);

        assertThat(securityGroups()).containsExactlyElementsOf(FENCE);
        assertThatThrownBy(() -> application.set("k", "during")).isInstanceOf(JedisConnectionException.class);
        assertThatThrownBy(() -> sameHostAsMigration.set("k", "during")).isInstanceOf(JedisConnectionException.class);
        assertThatThrownBy(this::application).isInstanceOf(JedisConnectionException.class);
        assertThat(grant.writer()).isEqualTo(target.endpoint());
        try (Jedis writer = client(MIGRATION)) {
            assertThat(writer.get("k")).isEqualTo("before");
            assertThat(writer.set("k", "migrated")).isEqualTo("OK");
        }

        lock.unlock(target, record);

        assertThat(securityGroups()).containsExactlyElementsOf(APPLICATION_GROUPS);
        try (Jedis after = application()) {
            assertThat(after.get("k")).isEqualTo("migrated");
            assertThat(after.set("k", "after")).isEqualTo("OK");
        }
        LoopbackClients.closeDropped(application);
        LoopbackClients.closeDropped(sameHostAsMigration);
    }

    @Test
    void withClusterModeEnabledTheClientsOfEveryNodeAreDisconnected() {
        List<RedisServer> nodes = IntStream.range(0, 3)
                .mapToObj(i -> redis.start(RedisVersion.V7_0, RedisCluster.nodeConfig())).toList();
        defineSecurityGroups();
        password = AUTH_TOKEN;
        elastiCache.addClusterModeGroup("rg", RedisCluster.form(nodes, 3), AuthMode.AUTH_TOKEN, password,
                APPLICATION_GROUPS);
        target = new TargetSpec(new RedisEndpoint(MIGRATION, elastiCache.proxy("rg").port(), false, null,
                new SecretRef.ProcessOnly(password)), "rg");
        // from the address the fence admits: only the disconnection can end these connections
        List<Jedis> connectedBefore = elastiCache.proxies("rg").stream()
                .map(node -> LoopbackClients.jedisFrom(MIGRATION, node.host(), node.port(), null, password)).toList();

        lock.lock(target, lock.prepare(target, TASK));

        for (Jedis client : connectedBefore) {
            assertThatThrownBy(client::ping).isInstanceOf(JedisConnectionException.class);
            LoopbackClients.closeDropped(client);
        }
        for (ElastiCacheProxy node : elastiCache.proxies("rg")) {
            try (Jedis migration = LoopbackClients.jedisFrom(MIGRATION, node.host(), node.port(), null, password)) {
                assertThat(migration.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void theRecordKeepsTheSecurityGroupsBeforeTheLock() {
        fencedReplicationGroup(AuthMode.AUTH_TOKEN);

        FenceLockRecord record = (FenceLockRecord) lock.prepare(target, TASK);

        assertThat(record.replicationGroupId()).isEqualTo("rg");
        assertThat(record.savedSecurityGroupIds()).containsExactlyElementsOf(APPLICATION_GROUPS);
        assertThat(record.fenceSecurityGroupIds()).containsExactlyElementsOf(FENCE);
        assertThat(record.migrationUser()).isNull();
    }

    @Test
    void aGroupFencedAlreadyIsRefused() {
        fencedReplicationGroup(AuthMode.AUTH_TOKEN);
        lock.lock(target, lock.prepare(target, "other"));

        assertThatThrownBy(() -> lock.prepare(target, TASK)).isInstanceOf(TargetLockException.class)
                .hasMessageContaining("fenced already");
    }

    @Test
    void lockingAndUnlockingTwiceIsHarmless() {
        fencedReplicationGroup(AuthMode.AUTH_TOKEN);
        FenceLockRecord record = (FenceLockRecord) lock.prepare(target, TASK);

        lock.lock(target, record);
        lock.lock(target, record);
        assertThat(lock.regrant(target, record)).isEqualTo(new Grant(record, target.endpoint()));
        // the fence has no user: a shard writes with the task's own credential too, and nothing is called
        int calls = elastiCache.calls().size();
        assertThat(lock.regrant(target, record, new SyncShard("0-5460", "127.0.0.1:7000", "0-5460")))
                .isEqualTo(new Grant(record, target.endpoint()));
        assertThat(elastiCache.calls()).hasSize(calls);
        lock.unlock(target, record);
        lock.unlock(target, record);

        assertThat(elastiCache.calls().stream().filter("ModifyReplicationGroup"::equals).count()).isEqualTo(2);
        assertThat(securityGroups()).containsExactlyElementsOf(APPLICATION_GROUPS);
    }

    @Test
    void aRefusedLockLeavesNothingUnlockCannotUndo() {
        fencedReplicationGroup(AuthMode.AUTH_TOKEN);
        FenceLockRecord record = (FenceLockRecord) lock.prepare(target, TASK);
        elastiCache.failNext("ModifyReplicationGroup", new ElastiCacheException(Kind.ACCESS_DENIED, "AccessDenied",
                "not allowed"));

        assertThatThrownBy(() -> lock.lock(target, record)).isInstanceOf(TargetLockException.class)
                .hasMessageContaining("AccessDenied");
        lock.unlock(target, record);

        assertThat(securityGroups()).containsExactlyElementsOf(APPLICATION_GROUPS);
        try (Jedis application = application()) {
            assertThat(application.set("k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void callsRefusedWhileTheGroupIsModifyingAreMadeAgain() {
        fencedReplicationGroup(AuthMode.AUTH_TOKEN);
        FenceLockRecord record = (FenceLockRecord) lock.prepare(target, TASK);
        // Someone else's change a moment ago: the group is "modifying" and the emulator refuses changes for a while.
        elastiCache.modifySecurityGroups("rg", APPLICATION_GROUPS);
        elastiCache.failNext("ModifyReplicationGroup", 2, new ElastiCacheException(Kind.INVALID_STATE,
                "InvalidReplicationGroupState", "Replication group rg is modifying, not available: wait and retry."));

        lock.lock(target, record);

        assertThat(elastiCache.calls().stream().filter("ModifyReplicationGroup"::equals).count())
                .isGreaterThanOrEqualTo(4);
        assertThat(securityGroups()).containsExactlyElementsOf(FENCE);
        lock.unlock(target, record);
        assertThat(securityGroups()).containsExactlyElementsOf(APPLICATION_GROUPS);
    }

    private void fencedReplicationGroup(AuthMode auth) {
        RedisServer server = redis.start(RedisVersion.V7_0);
        defineSecurityGroups();
        password = auth == AuthMode.AUTH_TOKEN ? AUTH_TOKEN : null;
        elastiCache.addReplicationGroup("rg", server, auth, password, APPLICATION_GROUPS);
        SecretRef secret = password == null ? new SecretRef.None() : new SecretRef.ProcessOnly(password);
        target = new TargetSpec(new RedisEndpoint(MIGRATION, elastiCache.proxy("rg").port(), false, null, secret),
                "rg");
    }

    private void defineSecurityGroups() {
        elastiCache.defineSecurityGroup("sg-app", Set.of(APPLICATION));
        elastiCache.defineSecurityGroup("sg-admin", Set.of(MIGRATION));
        elastiCache.defineSecurityGroup("sg-fence", Set.of(MIGRATION));
    }

    private List<String> securityGroups() {
        return elastiCache.replicationGroup("rg").orElseThrow().securityGroupIds();
    }

    private Jedis application() {
        return client(APPLICATION);
    }

    private Jedis client(String sourceAddress) {
        return LoopbackClients.jedisFrom(sourceAddress, MIGRATION, elastiCache.proxy("rg").port(), null, password);
    }
}
