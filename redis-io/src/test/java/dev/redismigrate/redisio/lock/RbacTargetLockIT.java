package dev.redismigrate.redisio.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ElastiCacheException.Kind;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.port.TargetLock.Grant;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.task.RbacLockRecord;
import dev.redismigrate.core.task.RbacLockRecord.SavedAccess;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.testkit.LoopbackClients;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import dev.redismigrate.testkit.elasticache.EmulatedElastiCache;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RbacTargetLockIT {
    private static final String TASK = "t3strbac9abc";
    private static final String MIGRATION_USER = "redis-migrate-" + TASK;
    private static final String APPLICATION = "127.0.0.2";
    private static final String MIGRATION = "127.0.0.1";
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static final SyncShard SHARD_A = new SyncShard("0-5460", "127.0.0.1:7000", "0-5460");
    private static final SyncShard SHARD_B = new SyncShard("5461-10922", "127.0.0.1:7001", "5461-10922");
    private static final SyncShard SHARD_C = new SyncShard("10923-16383", "127.0.0.1:7002", "10923-16383");
    /** The users of the group before the lock, by id: access strings the lock changes and unlock puts back. */
    private static final Map<String, String> ACCESS_BEFORE = Map.of(
            "app-default", "on ~* &* +@all",
            "app", "on ~app:* &* +@all",
            "reader", "on ~* -@all +get",
            "retired", "off ~* +@all");

    @RegisterExtension
    final RedisServers redis = new RedisServers();
    private final EmulatedElastiCache elastiCache = new EmulatedElastiCache(SETTLE);
    private final CloudPacing pacing = new CloudPacing(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)),
            Duration.ofSeconds(20), Retry.Sleeper.REAL);
    private final RbacTargetLock lock = lock(elastiCache);
    private TargetSpec target;

    @AfterEach
    void closeEmulation() {
        elastiCache.close();
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "V7_0", "VALKEY_8_1"})
    void otherUsersCanReadButNotWriteWhileLockedAndAreExactlyAsBeforeAfterUnlock(RedisVersion version) {
        rbacReplicationGroup(version);
        try (Jedis app = application("app", "app-password")) {
            app.set("app:k", "before");

            RbacLockRecord record = (RbacLockRecord) lock.prepare(target, TASK);
            assertThat(elastiCache.calls()).doesNotContain("CreateUser", "ModifyUser", "ModifyUserGroup");
            Grant grant = lock.lock(target, record);

            assertThatThrownBy(() -> app.set("app:k", "during")).isInstanceOf(JedisDataException.class)
                    .hasMessageStartingWith("NOPERM");
            assertThat(app.get("app:k")).isEqualTo("before");
            try (Jedis fresh = application("default", "default-password")) {
                assertThatThrownBy(() -> fresh.del("app:k")).hasMessageStartingWith("NOPERM");
            }
            try (Jedis reader = application("reader", "reader-password")) {
                assertThat(reader.get("app:k")).isEqualTo("before");
            }
            assertThat(accessStrings()).containsEntry("retired", "off ~* +@all");
            Jedis writer = migration(grant.writer());
            assertThat(writer.set("app:k", "migrated")).isEqualTo("OK");
            assertThat(grant.writer().username()).isEqualTo(MIGRATION_USER);

            lock.unlock(target, record);

            assertThat(accessStrings()).isEqualTo(ACCESS_BEFORE);
            assertThat(elastiCache.userGroup("ug").orElseThrow().userIds())
                    .containsExactlyInAnyOrder("app-default", "app", "reader", "retired");
            assertThat(app.set("app:k", "after")).isEqualTo("OK");
            assertThatThrownBy(() -> writer.set("app:k", "late")).isInstanceOf(JedisConnectionException.class);
            LoopbackClients.closeDropped(writer);
        }
    }

    @Test
    void theRecordNamesTheGroupAndEveryOtherUserAsDescribed() {
        RbacLockRecord record = prepared();

        assertThat(record.replicationGroupId()).isEqualTo("rg");
        assertThat(record.userGroupId()).isEqualTo("ug");
        assertThat(record.migrationUserId()).isEqualTo(MIGRATION_USER);
        assertThat(record.migrationUser()).isEqualTo(MIGRATION_USER);
        assertThat(record.savedUsers()).containsExactlyInAnyOrder(
                new SavedAccess("app-default", "default", "on ~* &* +@all"),
                new SavedAccess("app", "app", "on ~app:* &* +@all"),
                new SavedAccess("reader", "reader", "on ~* -@all +get"),
                new SavedAccess("retired", "retired", "off ~* +@all"));
    }

    @Test
    void anotherMigrationsUserInTheGroupIsRefused() {
        rbacReplicationGroup(RedisVersion.V7_0);
        elastiCache.addUser("redis-migrate-other", "redis-migrate-other", "other-password", "on ~* &* +@all");
        elastiCache.modifyUserGroup("ug", List.of("redis-migrate-other"), List.of());

        assertThatThrownBy(() -> lock.prepare(target, TASK)).isInstanceOf(TargetLockException.class)
                .hasMessageContaining("locked by another migration (user redis-migrate-other");
    }

    @Test
    void theBuiltInDefaultUserCannotBeMadeReadOnlySoTheLockIsRefused() {
        RedisServer server = redis.start(RedisVersion.V7_0);
        elastiCache.addUser("app", "app", "app-password", "on ~* +@all");
        elastiCache.addUserGroup("ug-builtin", List.of(EmulatedElastiCache.DEFAULT_USER_ID, "app"));
        elastiCache.defineSecurityGroup("sg-open", Set.of(EmulatedElastiCache.ANYWHERE));
        elastiCache.addReplicationGroup("rg-builtin", server, AuthMode.RBAC, null, List.of("sg-open"));
        elastiCache.attachUserGroup("rg-builtin", "ug-builtin");
        TargetSpec builtIn = new TargetSpec(RedisEndpoint.of(MIGRATION, elastiCache.proxy("rg-builtin").port()),
                "rg-builtin");

        assertThatThrownBy(() -> lock.prepare(builtIn, TASK)).isInstanceOf(TargetLockException.class)
                .hasMessageContaining("built-in default user");
    }

    @Test
    void lockingTwiceGivesAFreshPasswordAndUnlockingTwiceIsHarmless() {
        RbacLockRecord record = prepared();

        Grant first = lock.lock(target, record);
        Grant second = lock.lock(target, record);

        assertThatThrownBy(() -> migration(first.writer())).isInstanceOf(JedisAccessControlException.class);
        try (Jedis writer = migration(second.writer())) {
            assertThat(writer.set("k", "v")).isEqualTo("OK");
        }
        assertThat(accessStrings()).containsEntry("app", "on ~app:* &* +@all -@write");
        lock.unlock(target, record);
        int callsAfterFirstUnlock = elastiCache.calls().size();
        lock.unlock(target, record);

        assertThat(accessStrings()).isEqualTo(ACCESS_BEFORE);
        assertThat(elastiCache.calls().subList(callsAfterFirstUnlock, elastiCache.calls().size()))
                .doesNotContain("ModifyUser", "ModifyUserGroup", "DeleteUser");
    }

    @Test
    void aLockThatStoppedHalfWayIsUndoneByUnlockAndCanBeRunAgain() throws InterruptedException {
        RbacLockRecord record = prepared();
        AtomicInteger accessChanges = new AtomicInteger();
        RbacTargetLock stopping = lock(failing(elastiCache, "modifyUserAccessString",
                () -> accessChanges.incrementAndGet() == 2));

        assertThatThrownBy(() -> stopping.lock(target, record)).isInstanceOf(TargetLockException.class)
                .hasMessageContaining("AccessDenied");
        assertThat(accessStrings().values()).anyMatch(access -> access.endsWith("-@write"));
        lock.unlock(target, record);

        assertThat(accessStrings()).isEqualTo(ACCESS_BEFORE);
        // Unlock returns once the migration user is "deleting" (as good as gone); the service removes it a moment later.
        elastiCache.awaitSettled(Duration.ofSeconds(10));
        assertThat(elastiCache.users()).extracting(CacheUser::userId).doesNotContain(MIGRATION_USER);

        Grant grant = lock.lock(target, record);
        try (Jedis writer = migration(grant.writer())) {
            assertThat(writer.set("k", "v")).isEqualTo("OK");
        }
        lock.unlock(target, record);
        assertThat(accessStrings()).isEqualTo(ACCESS_BEFORE);
    }

    @Test
    void callsRefusedWhileSomethingIsModifyingAreMadeAgain() {
        RbacLockRecord record = prepared();
        elastiCache.failNext("ModifyUserGroup", 2, new ElastiCacheException(Kind.INVALID_STATE,
                "InvalidUserGroupState", "User group ug is modifying, not active: wait and retry."));
        // The emulator's own refusal: a user changed a moment ago is "modifying".
        elastiCache.modifyUserAccessString("app", "on ~app:* &* +@all");

        lock.lock(target, record);

        assertThat(elastiCache.calls().stream().filter("ModifyUserGroup"::equals).count()).isEqualTo(3);
        assertThat(accessStrings()).containsEntry("app", "on ~app:* &* +@all -@write");
        lock.unlock(target, record);
        assertThat(accessStrings()).isEqualTo(ACCESS_BEFORE);
    }

    @Test
    void regrantGivesTheMigrationUserANewPassword() {
        RbacLockRecord record = prepared();
        Grant locked = lock.lock(target, record);

        Grant regranted = lock.regrant(target, record);

        assertThat(regranted.record()).isEqualTo(record);
        assertThatThrownBy(() -> migration(locked.writer())).isInstanceOf(JedisAccessControlException.class);
        try (Jedis writer = migration(regranted.writer())) {
            assertThat(writer.set("k", "v")).isEqualTo("OK");
        }
        String password = new LocalSecretResolver().resolve(regranted.writer().password()).orElseThrow();
        assertThat(regranted.toString()).doesNotContain(password);
        lock.unlock(target, record);
    }

    @Test
    void shardsRegrantingTogetherEachGetAUserOfItsOwnAndRegrantingOneCutsOffOnlyThatShardsEarlierCredential()
            throws InterruptedException {
        RbacLockRecord record = prepared();
        Grant whole = lock.lock(target, record);

        List<Grant> shards = regrantTogether(record, SHARD_A, SHARD_B, SHARD_C);

        assertThat(shards).extracting(grant -> grant.writer().username()).containsExactly(MIGRATION_USER + "-0-5460",
                MIGRATION_USER + "-5461-10922", MIGRATION_USER + "-10923-16383");
        assertThat(elastiCache.userGroup("ug").orElseThrow().userIds()).contains(MIGRATION_USER,
                MIGRATION_USER + "-0-5460", MIGRATION_USER + "-5461-10922", MIGRATION_USER + "-10923-16383");
        assertThat(elastiCache.users()).filteredOn(user -> user.userId().startsWith(MIGRATION_USER))
                .extracting(CacheUser::accessString).containsOnly("on ~* &* +@all");
        List<Jedis> writers = new ArrayList<>();
        try {
            for (Grant grant : List.of(whole, shards.get(0), shards.get(1), shards.get(2))) {
                writers.add(migration(grant.writer()));
            }
            writers.forEach(writer -> assertThat(writer.set("k", "v")).isEqualTo("OK"));

            Grant again = lock.regrant(target, record, SHARD_A);

            assertThatThrownBy(() -> writers.get(1).set("k", "old a")).isInstanceOf(JedisConnectionException.class);
            assertThatThrownBy(() -> migration(shards.get(0).writer())).isInstanceOf(JedisAccessControlException.class);
            for (Jedis kept : List.of(writers.get(0), writers.get(2), writers.get(3))) {
                assertThat(kept.set("k", "after regrant")).isEqualTo("OK");
            }
            for (Grant kept : List.of(whole, shards.get(1), shards.get(2), again)) {
                try (Jedis writer = migration(kept.writer())) {
                    assertThat(writer.set("k", "new connection")).isEqualTo("OK");
                }
            }

            lock.unlock(target, record);
        } finally {
            writers.forEach(LoopbackClients::closeDropped);
        }

        assertThat(accessStrings()).isEqualTo(ACCESS_BEFORE);
        assertThat(elastiCache.userGroup("ug").orElseThrow().userIds())
                .containsExactlyInAnyOrder("app-default", "app", "reader", "retired");
        elastiCache.awaitSettled(Duration.ofSeconds(10));
        assertThat(elastiCache.users()).extracting(CacheUser::userId).noneMatch(id -> id.startsWith(MIGRATION_USER));
    }

    @Test
    void anUnlockThatStoppedAmongTheShardsUsersRemovesTheRestWhenRunAgain() throws InterruptedException {
        RbacLockRecord record = prepared();
        lock.lock(target, record);
        regrantTogether(record, SHARD_A, SHARD_B);
        elastiCache.failAfter("DeleteUser", 1, new ElastiCacheException(Kind.ACCESS_DENIED, "AccessDenied",
                "not allowed"));

        assertThatThrownBy(() -> lock.unlock(target, record)).isInstanceOf(TargetLockException.class)
                .hasMessageContaining("AccessDenied");
        lock.unlock(target, record);

        assertThat(accessStrings()).isEqualTo(ACCESS_BEFORE);
        elastiCache.awaitSettled(Duration.ofSeconds(10));
        assertThat(elastiCache.users()).extracting(CacheUser::userId).noneMatch(id -> id.startsWith(MIGRATION_USER));
    }

    @Test
    void unlockPutsBackWhatItCanAndNamesAUserSomeoneDeletedMeanwhile() {
        RbacLockRecord record = prepared();
        lock.lock(target, record);
        elastiCache.deleteUser("reader");

        assertThatThrownBy(() -> lock.unlock(target, record)).isInstanceOf(TargetLockException.class)
                .hasMessageContaining("users reader were deleted");

        Map<String, String> expected = new java.util.HashMap<>(ACCESS_BEFORE);
        expected.remove("reader");
        assertThat(accessStrings()).isEqualTo(expected);
        assertThat(elastiCache.users()).extracting(CacheUser::userId).doesNotContain("reader", MIGRATION_USER);
    }

    /**
     * A replication group whose user group holds a default user of its own (the built-in one cannot be modified),
     * an application user restricted to some keys, a user with one read command and a user that is off.
     */
    private void rbacReplicationGroup(RedisVersion version) {
        RedisServer server = redis.start(version);
        elastiCache.addUser("app-default", "default", "default-password", ACCESS_BEFORE.get("app-default"));
        elastiCache.addUser("app", "app", "app-password", ACCESS_BEFORE.get("app"));
        elastiCache.addUser("reader", "reader", "reader-password", ACCESS_BEFORE.get("reader"));
        elastiCache.addUser("retired", "retired", "retired-password", ACCESS_BEFORE.get("retired"));
        elastiCache.addUserGroup("ug", List.of("app-default", "app", "reader", "retired"));
        elastiCache.defineSecurityGroup("sg-open", Set.of(EmulatedElastiCache.ANYWHERE));
        elastiCache.addReplicationGroup("rg", server, AuthMode.RBAC, null, List.of("sg-open"));
        elastiCache.attachUserGroup("rg", "ug");
        target = new TargetSpec(RedisEndpoint.of(MIGRATION, elastiCache.proxy("rg").port()), "rg");
    }

    private RbacLockRecord prepared() {
        rbacReplicationGroup(RedisVersion.V7_0);
        return (RbacLockRecord) lock.prepare(target, TASK);
    }

    /** The shards' regrants made at once, as their containers start together; their grants in the same order. */
    private List<Grant> regrantTogether(RbacLockRecord record, SyncShard... shards) {
        ExecutorService containers = Executors.newFixedThreadPool(shards.length);
        try {
            List<Future<Grant>> grants = new ArrayList<>();
            for (SyncShard shard : shards) {
                grants.add(containers.submit(() -> lock.regrant(target, record, shard)));
            }
            List<Grant> done = new ArrayList<>();
            for (Future<Grant> grant : grants) {
                done.add(grant.get(60, TimeUnit.SECONDS));
            }
            return done;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("a shard's regrant failed", e);
        } finally {
            containers.shutdownNow();
        }
    }

    private RbacTargetLock lock(ElastiCache api) {
        return new RbacTargetLock(api, new RedisConnections(new LocalSecretResolver()), pacing, Clock.systemUTC());
    }

    /**
     * The users of the group (the migration user and the shards' users aside) and their access strings, as
     * DescribeUsers shows them.
     */
    private Map<String, String> accessStrings() {
        return elastiCache.users().stream()
                .filter(user -> user.userGroupIds().contains("ug") && !AclLockPlan.isMigrationUser(user.userId()))
                .collect(Collectors.toMap(CacheUser::userId, CacheUser::accessString));
    }

    private Jedis application(String user, String password) {
        return LoopbackClients.jedisFrom(APPLICATION, MIGRATION, elastiCache.proxy("rg").port(), user, password);
    }

    private Jedis migration(RedisEndpoint writer) {
        String password = new LocalSecretResolver().resolve(writer.password()).orElseThrow();
        return LoopbackClients.jedisFrom(MIGRATION, writer.host(), writer.port(), writer.username(), password);
    }

    /** The API, except that {@code method} fails with AccessDenied (without effect) whenever {@code when} says so. */
    private static ElastiCache failing(ElastiCache api, String method, java.util.function.BooleanSupplier when) {
        return (ElastiCache) Proxy.newProxyInstance(ElastiCache.class.getClassLoader(),
                new Class<?>[] {ElastiCache.class}, (proxy, called, args) -> {
                    if (called.getName().equals(method) && when.getAsBoolean()) {
                        throw new ElastiCacheException(Kind.ACCESS_DENIED, "AccessDenied", "not allowed");
                    }
                    try {
                        return called.invoke(api, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
