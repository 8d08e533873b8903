package dev.redismigrate.redisio.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.RedisUnavailableException;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AclTargetLockIT {
    private static final String TASK = "t3stlock9abc";
    private static final String MIGRATION_USER = "redis-migrate-" + TASK;
    private static final SyncShard SHARD_A = new SyncShard("0-5460", "127.0.0.1:7000", "0-5460");
    private static final SyncShard SHARD_B = new SyncShard("5461-10922", "127.0.0.1:7001", "5461-10922");
    private static final SyncShard SHARD_C = new SyncShard("10923-16383", "127.0.0.1:7002", "10923-16383");

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final AclTargetLock targetLock = new AclTargetLock(new RedisConnections(new LocalSecretResolver()), Clock.systemUTC());

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "SYSTEM", "V8_0", "VALKEY_8_1"})
    void anotherClientsWriteIsRefusedDuringTheLockAndAllowedAfterIt(RedisVersion version) {
        RedisServer server = redis.start(version);
        try (Jedis admin = server.client()) {
            admin.aclSetUser("app", "on", ">app-pw", "~*", "+@all");
        }
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        try (Jedis before = as(server, "app", "app-pw")) {
            before.set("k", "v");

            TargetLock.Grant grant = lock(target);

            assertRefused(() -> before.set("k", "during"));
            // Scripts run with the caller's rights; the wording of the refusal differs between versions.
            assertThatThrownBy(() -> before.eval("return redis.call('set', KEYS[1], 'x')", 1, "k"))
                    .isInstanceOf(JedisDataException.class);
            assertRefused(() -> before.flushAll());
            assertRefused(() -> before.configSet("maxmemory", "1"));
            assertThat(before.get("k")).isEqualTo("v");
            try (Jedis fresh = as(server, "app", "app-pw")) {
                assertRefused(() -> fresh.del("k"));
            }
            try (Jedis anonymous = server.client()) {
                assertRefused(() -> anonymous.set("k", "default user"));
            }
            Jedis writer = as(server, grant.writer());
            writer.set("k", "migrated");

            targetLock.unlock(target, grant.record());

            before.set("k", "after");
            assertThat(before.get("k")).isEqualTo("after");
            assertThatThrownBy(() -> writer.set("k", "late")).isInstanceOf(JedisConnectionException.class);
            assertThatThrownBy(() -> as(server, grant.writer())).isInstanceOf(JedisDataException.class);
        }
    }

    @Test
    void aclRulesAreByteForByteAsBeforeOn62() {
        RedisServer server = redis.start(RedisVersion.V6_2, RedisServerConfig.defaults().password("root-pw"));
        try (Jedis admin = server.client()) {
            createUsersEveryVersionHas(admin);
        }
        assertLockAndUnlockRestoreExactly(server, endpoint(server, null, "root-pw"));
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"SYSTEM", "V8_0", "VALKEY_8_1"})
    void aclRulesAreByteForByteAsBeforeFrom70WithSelectorsAndKeyPermissions(RedisVersion version) {
        RedisServer server = redis.start(version, RedisServerConfig.defaults().password("root-pw"));
        try (Jedis admin = server.client()) {
            createUsersEveryVersionHas(admin);
            admin.aclSetUser("carol", "on", ">x", ">y", "resetchannels", "%R~r*", "+get", "(~sel* +set +get)", "(%W~w* +@write)");
        }
        assertLockAndUnlockRestoreExactly(server, endpoint(server, null, "root-pw"));
    }

    @Test
    void writesGrantedBySelectorsAreRefusedToo() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        try (Jedis admin = server.client()) {
            admin.aclSetUser("carol", "on", ">carol-pw", "resetchannels", "~*", "+get", "(~w* +set)");
        }
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        try (Jedis carol = as(server, "carol", "carol-pw")) {
            carol.set("w1", "v");
            TargetLock.Grant grant = lock(target);

            assertRefused(() -> carol.set("w1", "during"));

            targetLock.unlock(target, grant.record());
            carol.set("w1", "after");
        }
    }

    @Test
    void aRequirepassTargetLocksItsDefaultUserAndItsPasswordStillWorksAfter() {
        RedisServer server = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("s3cret"));
        TargetSpec target = TargetSpec.of(endpoint(server, null, "s3cret"));
        try (Jedis app = server.client()) {
            TargetLock.Grant grant = lock(target);
            assertRefused(() -> app.set("k", "v"));
            as(server, grant.writer()).set("k", "migrated");

            targetLock.unlock(target, grant.record());

            app.set("k", "after");
        }
        try (Jedis again = server.client()) {
            assertThat(again.get("k")).isEqualTo("after");
        }
        try (Jedis wrong = new Jedis(new HostAndPort(server.host(), server.port()),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).build())) {
            assertThatThrownBy(() -> wrong.get("k")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void aNamedOperatorKeepsWhatItNeedsToUnlockWhileEveryoneElseLosesAdminCommands() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        try (Jedis admin = server.client()) {
            admin.aclSetUser("ops", "on", ">ops-pw", "~*", "&*", "+@all");
        }
        TargetSpec target = TargetSpec.of(endpoint(server, "ops", "ops-pw"));
        TargetLock.Grant grant = lock(target);
        try (Jedis ops = as(server, "ops", "ops-pw"); Jedis anonymous = server.client()) {
            assertRefused(() -> ops.set("k", "v"));
            assertThat(ops.configGet("maxmemory")).containsKey("maxmemory");
            assertRefused(() -> anonymous.configGet("maxmemory"));
            assertRefused(() -> anonymous.aclSetUser("default", "+@all"));
            assertThat(anonymous.info("server")).contains("redis_version");
        }

        targetLock.unlock(target, grant.record());

        try (Jedis anonymous = server.client()) {
            anonymous.set("k", "v");
        }
    }

    @Test
    void unlockingTwiceIsHarmlessAndAPreparedRecordAloneUnlocksToo() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        try (Jedis admin = server.client()) {
            admin.aclSetUser("app", "on", ">app-pw", "~app:*", "+@all");
        }
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        List<String> before = aclList(server);
        LockRecord prepared = targetLock.prepare(target, TASK);

        targetLock.unlock(target, prepared);
        assertThat(aclList(server)).isEqualTo(before);

        TargetLock.Grant grant = targetLock.lock(target, prepared);
        targetLock.unlock(target, grant.record());
        targetLock.unlock(target, grant.record());
        assertThat(aclList(server)).isEqualTo(before);
    }

    @Test
    void lockingAgainWithTheSameRecordKeepsTheSavedRulesAndClosesThePreviousWriter() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        List<String> before = aclList(server);
        TargetLock.Grant first = lock(target);
        Jedis firstWriter = as(server, first.writer());
        firstWriter.set("k", "1");

        TargetLock.Grant second = targetLock.lock(target, first.record());

        assertThatThrownBy(() -> firstWriter.set("k", "2")).isInstanceOf(JedisConnectionException.class);
        as(server, second.writer()).set("k", "3");
        targetLock.unlock(target, second.record());
        assertThat(aclList(server)).isEqualTo(before);
    }

    @Test
    void regrantGivesANewPasswordAndClosesTheConnectionsOfTheOldOne() {
        RedisServer server = redis.start(RedisVersion.V6_2);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        List<String> before = aclList(server);
        TargetLock.Grant first = lock(target);
        List<String> locked = aclList(server);
        Jedis oldWriter = as(server, first.writer());

        TargetLock.Grant second = targetLock.regrant(target, first.record());

        assertThat(second.writer().password()).isNotEqualTo(first.writer().password());
        assertThatThrownBy(() -> oldWriter.set("k", "old")).isInstanceOf(JedisConnectionException.class);
        as(server, second.writer()).set("k", "new");
        assertThat(aclList(server).stream().filter(l -> !l.startsWith("user redis-migrate-")).toList())
                .isEqualTo(locked.stream().filter(l -> !l.startsWith("user redis-migrate-")).toList());
        targetLock.unlock(target, second.record());
        assertThat(aclList(server)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "SYSTEM", "VALKEY_8_1"})
    void eachShardWritesAsItsOwnUserAndRegrantingOneCutsOffOnlyThatShardsEarlierWriter(RedisVersion version) {
        RedisServer server = redis.start(version);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        List<String> before = aclList(server);
        TargetLock.Grant whole = lock(target);
        TargetLock.Grant a = targetLock.regrant(target, whole.record(), SHARD_A);
        TargetLock.Grant b = targetLock.regrant(target, whole.record(), SHARD_B);
        TargetLock.Grant c = targetLock.regrant(target, whole.record(), SHARD_C);

        assertThat(List.of(whole, a, b, c)).extracting(grant -> grant.writer().username()).containsExactly(
                MIGRATION_USER, MIGRATION_USER + "-0-5460", MIGRATION_USER + "-5461-10922",
                MIGRATION_USER + "-10923-16383");
        try (Jedis wholeWriter = as(server, whole.writer()); Jedis aWriter = as(server, a.writer());
             Jedis bWriter = as(server, b.writer()); Jedis cWriter = as(server, c.writer())) {
            for (Jedis writer : List.of(wholeWriter, aWriter, bWriter, cWriter)) {
                assertThat(writer.set("k", "v")).isEqualTo("OK");
            }

            TargetLock.Grant again = targetLock.regrant(target, whole.record(), SHARD_A);

            assertThatThrownBy(() -> aWriter.set("k", "old a")).isInstanceOf(JedisConnectionException.class);
            assertThatThrownBy(() -> as(server, a.writer())).isInstanceOf(JedisDataException.class);
            for (Jedis writer : List.of(wholeWriter, bWriter, cWriter)) {
                assertThat(writer.set("k", "still")).isEqualTo("OK");
            }
            try (Jedis newA = as(server, again.writer())) {
                assertThat(newA.set("k", "new a")).isEqualTo("OK");
            }

            targetLock.unlock(target, whole.record());

            assertThat(aclList(server)).isEqualTo(before);
            assertThatThrownBy(() -> bWriter.set("k", "late")).isInstanceOf(JedisConnectionException.class);
        }
    }

    @Test
    void aShardsUserLeftAloneByACrashHoldsTheTargetAgainstAnotherTaskAndUnlockRemovesIt() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        List<String> before = aclList(server);
        // A record as a run stored it (one server, no per-node rules), whose lock step never ran.
        LockRecord stored = new AclLockRecord(MIGRATION_USER, before, Instant.now());
        targetLock.regrant(target, stored, SHARD_B);

        assertThatThrownBy(() -> targetLock.prepare(target, "anothertask1"))
                .isInstanceOf(TargetLockException.class)
                .hasMessageContaining("locked by another migration (ACL user " + MIGRATION_USER + "-5461-10922)");

        targetLock.unlock(target, stored);
        assertThat(aclList(server)).isEqualTo(before);
    }

    @Test
    void aTargetAnotherMigrationHoldsIsRefused() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        lock(target);

        assertThatThrownBy(() -> targetLock.prepare(target, "anothertask1"))
                .isInstanceOf(TargetLockException.class)
                .hasMessageContaining("locked by another migration (ACL user redis-migrate-" + TASK + ")");
    }

    @Test
    void beforeRedis6NothingIsLockedAndNothingFails() {
        RedisServer server = redis.start(RedisVersion.V2_8);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));

        LockRecord record = targetLock.prepare(target, TASK);
        TargetLock.Grant grant = targetLock.lock(target, record);
        targetLock.unlock(target, null);

        assertThat(record).isNull();
        assertThat(grant).isEqualTo(new TargetLock.Grant(null, target.endpoint()));
        assertThat(targetLock.regrant(target, null).writer()).isEqualTo(target.endpoint());
    }

    @Test
    void aCredentialWithoutAclRightsCannotLockAndSaysSoInOneLine() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        try (Jedis admin = server.client()) {
            admin.aclSetUser("app", "on", ">app-pw", "~*", "+@all", "-acl");
        }
        TargetSpec target = TargetSpec.of(endpoint(server, "app", "app-pw"));

        assertThatThrownBy(() -> targetLock.prepare(target, TASK))
                .isInstanceOf(TargetLockException.class)
                .hasMessageStartingWith("cannot read the ACL users of redis://app@127.0.0.1:" + server.port() + ": NOPERM")
                .hasMessageNotContaining("app-pw");
    }

    @Test
    void anUnreachableTargetIsOneLine() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        TargetSpec target = TargetSpec.of(RedisEndpoint.of(server.host(), server.port()));
        server.kill();

        assertThatThrownBy(() -> targetLock.prepare(target, TASK))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessage("cannot reach target redis://127.0.0.1:" + server.port() + ": Connection refused");
    }

    private void assertLockAndUnlockRestoreExactly(RedisServer server, RedisEndpoint operator) {
        TargetSpec target = TargetSpec.of(operator);
        List<String> before = aclList(server);

        TargetLock.Grant grant = lock(target);
        assertThat(((AclLockRecord) grant.record()).savedAclRules()).isEqualTo(before);
        assertThat(aclList(server)).isNotEqualTo(before)
                .anyMatch(line -> line.startsWith("user " + grant.record().migrationUser() + " on"));

        targetLock.unlock(target, grant.record());
        assertThat(aclList(server)).isEqualTo(before);
    }

    /** Passwords (#hash), several passwords, key patterns, a disabled user, nopass; channels where they exist. */
    private static void createUsersEveryVersionHas(Jedis admin) {
        admin.aclSetUser("alice", "on", ">alice-pw", "~app:*", "+get", "+@read", "-@dangerous");
        admin.aclSetUser("bob", "off", "nopass", "~*", "+@all", "-flushall", "+config|get");
        admin.aclSetUser("dave", "on", ">p1", ">p2", "resetchannels", "&news.*", "~a", "~b", "+@hash", "-hdel",
                "skip-sanitize-payload");
        admin.aclSetUser("erin", "on", "nopass", "~*", "-@all", "+@read", "+@write");
    }

    private TargetLock.Grant lock(TargetSpec target) {
        return targetLock.lock(target, targetLock.prepare(target, TASK));
    }

    private static List<String> aclList(RedisServer server) {
        try (Jedis admin = server.client()) {
            return admin.aclList();
        }
    }

    private static RedisEndpoint endpoint(RedisServer server, String user, String password) {
        return new RedisEndpoint(server.host(), server.port(), false, user, new SecretRef.ProcessOnly(password));
    }

    private static Jedis as(RedisServer server, String user, String password) {
        return as(server, endpoint(server, user, password));
    }

    private static Jedis as(RedisServer server, RedisEndpoint endpoint) {
        String password = ((SecretRef.ProcessOnly) endpoint.password()).value();
        return new Jedis(new HostAndPort(server.host(), server.port()), DefaultJedisClientConfig.builder()
                .timeoutMillis(2000).user(endpoint.username()).password(password).build());
    }

    private static void assertRefused(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
    }
}
