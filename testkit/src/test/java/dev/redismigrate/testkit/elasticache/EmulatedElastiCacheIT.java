package dev.redismigrate.testkit.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ElastiCacheException.Kind;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.elasticache.UserGroup;
import dev.redismigrate.testkit.LoopbackClients;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmulatedElastiCacheIT {
    /** Long enough that a loaded machine still sees "modifying" right after a change. */
    private static final Duration SETTLE = Duration.ofMillis(1500);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MIGRATION = "127.0.0.1";
    private static final String APPLICATION = "127.0.0.2";

    @RegisterExtension
    final RedisServers redis = new RedisServers();
    private final EmulatedElastiCache elastiCache = new EmulatedElastiCache(SETTLE);
    private RedisServer server;

    @BeforeEach
    void rbacReplicationGroup() {
        server = redis.start();
        elastiCache.addUser("migrator", "migrator", "migrator-password", "on ~* +@all");
        elastiCache.addUser("app", "app", "app-password", "on ~* +@all");
        elastiCache.addUserGroup("ug", List.of(EmulatedElastiCache.DEFAULT_USER_ID, "migrator", "app"));
        elastiCache.defineSecurityGroup("sg-open", Set.of(EmulatedElastiCache.ANYWHERE));
        elastiCache.defineSecurityGroup("sg-migration", Set.of(MIGRATION));
        elastiCache.addReplicationGroup("rg", server, AuthMode.RBAC, null, List.of("sg-open"));
        elastiCache.attachUserGroup("rg", "ug");
    }

    @AfterEach
    void close() {
        elastiCache.close();
    }

    @Test
    void describesTheReplicationGroupWithTheProxyAsPrimaryEndpoint() {
        ReplicationGroup group = elastiCache.replicationGroup("rg").orElseThrow();

        assertThat(group.available()).isTrue();
        assertThat(group.endpointHost()).isEqualTo("127.0.0.1");
        assertThat(group.endpointPort()).isEqualTo(elastiCache.proxy("rg").port());
        assertThat(group.authMode()).isEqualTo(AuthMode.RBAC);
        assertThat(group.userGroupIds()).containsExactly("ug");
        assertThat(group.securityGroupIds()).containsExactly("sg-open");
        assertThat(group.engine()).isEqualTo("redis");
        assertThat(group.engineVersion()).startsWith("7.0");
        assertThat(group.arn()).isEqualTo("arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:rg");
        assertThat(elastiCache.replicationGroup("missing")).isEmpty();
        assertThat(elastiCache.calls()).containsExactly("DescribeReplicationGroups", "DescribeCacheClusters",
                "DescribeReplicationGroups");
    }

    @Test
    void serverlessCachesExistByName() {
        elastiCache.addServerlessCache("serverless-target");

        assertThat(elastiCache.serverlessCacheExists("serverless-target")).isTrue();
        assertThat(elastiCache.serverlessCacheExists("rg")).isFalse();
        assertThat(elastiCache.calls()).containsExactly("DescribeServerlessCaches", "DescribeServerlessCaches");
    }

    @Test
    void theUserGroupsUsersAreTheServersAclUsers() {
        assertThat(elastiCache.users()).extracting(CacheUser::userId).containsExactly("default", "migrator", "app");
        assertThat(elastiCache.users()).allSatisfy(user -> assertThat(user.userGroupIds()).containsExactly("ug"));
        assertThat(elastiCache.userGroup("ug").orElseThrow().replicationGroups()).containsExactly("rg");
        try (Jedis app = client(APPLICATION, "app", "app-password")) {
            assertThat(app.set("k", "v")).isEqualTo("OK");
            assertThat(app.aclWhoAmI()).isEqualTo("app");
        }
        assertThatThrownBy(() -> client(APPLICATION, "app", "wrong").close())
                .isInstanceOf(JedisAccessControlException.class);
        try (Jedis admin = elastiCache.adminClient("rg")) {
            assertThat(admin.aclUsers()).contains("default", "migrator", "app");
            assertThat(admin.aclGetUser("app").getFlags()).contains("on");
        }
    }

    @Test
    void modifyUserChangesTheRulesOfOpenConnectionsAtOnceAndTheUserIsModifyingForAWhile() throws Exception {
        try (Jedis app = client(APPLICATION, "app", "app-password")) {
            elastiCache.modifyUserAccessString("app", "on ~* -@all +ping");

            assertThatThrownBy(() -> app.set("k", "v")).isInstanceOf(JedisDataException.class).hasMessageStartingWith("NOPERM");
            assertThat(app.ping()).isEqualTo("PONG");
        }
        assertThat(user("app").status()).isEqualTo("modifying");
        assertThat(user("app").accessString()).isEqualTo("on ~* -@all +ping");
        assertFault(() -> elastiCache.modifyUserAccessString("app", "on ~* +@all"), Kind.INVALID_STATE,
                "InvalidUserState");

        elastiCache.awaitSettled(WAIT);

        assertThat(user("app").active()).isTrue();
        elastiCache.modifyUserAccessString("app", "on ~* +@all");
        try (Jedis app = client(APPLICATION, "app", "app-password")) {
            assertThat(app.set("k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void modifyUserReplacesThePassword() {
        elastiCache.modifyUserPassword("migrator", "new-password");

        assertThatThrownBy(() -> client(MIGRATION, "migrator", "migrator-password").close())
                .isInstanceOf(JedisAccessControlException.class);
        try (Jedis migrator = client(MIGRATION, "migrator", "new-password")) {
            assertThat(migrator.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void refusesAccessStringsWithPasswordsOrReset() {
        for (String accessString : List.of("on >secret ~* +@all", "on <secret ~* +@all", "reset on ~* +@all",
                "on nopass ~* +@all")) {
            assertFault(() -> elastiCache.modifyUserAccessString("app", accessString), Kind.INVALID_PARAMETER,
                    "InvalidParameterValue");
            assertFault(() -> elastiCache.createUser("new", "new", "redis", "password", accessString),
                    Kind.INVALID_PARAMETER, "InvalidParameterValue");
        }
        assertThat(user("app").active()).isTrue();
    }

    @Test
    void theBuiltInDefaultUserCannotBeModifiedOrDeleted() {
        assertFault(() -> elastiCache.modifyUserAccessString("default", "off"), Kind.INVALID_PARAMETER,
                "InvalidParameterValue");
        assertFault(() -> elastiCache.modifyUserPassword("default", "password"), Kind.INVALID_PARAMETER,
                "InvalidParameterValue");
        assertFault(() -> elastiCache.deleteUser("default"), Kind.INVALID_PARAMETER, "InvalidParameterValue");
    }

    @Test
    void missingResourcesAreNotFound() {
        assertFault(() -> elastiCache.modifyUserAccessString("nobody", "on"), Kind.NOT_FOUND, "UserNotFound");
        assertFault(() -> elastiCache.deleteUser("nobody"), Kind.NOT_FOUND, "UserNotFound");
        assertFault(() -> elastiCache.modifyUserGroup("nogroup", List.of("app"), List.of()), Kind.NOT_FOUND,
                "UserGroupNotFound");
        assertFault(() -> elastiCache.modifyUserGroup("ug", List.of("nobody"), List.of()), Kind.NOT_FOUND,
                "UserNotFound");
        assertFault(() -> elastiCache.modifySecurityGroups("norg", List.of("sg-open")), Kind.NOT_FOUND,
                "ReplicationGroupNotFoundFault");
        assertThat(elastiCache.userGroup("nogroup")).isEmpty();
    }

    @Test
    void createUserRefusesAUserIdOrUserNameTheServiceDoesNotTake() {
        for (String userId : List.of("1app", "app--1", "app-", "app_1", "a".repeat(41))) {
            assertFault(() -> elastiCache.createUser(userId, "name", "redis", "password", "on ~* +@all"),
                    Kind.INVALID_PARAMETER, "InvalidParameterValue");
        }
        assertFault(() -> elastiCache.createUser("spaced", "two words", "redis", "password", "on ~* +@all"),
                Kind.INVALID_PARAMETER, "InvalidParameterValue");

        elastiCache.createUser("a".repeat(36) + "-0-1", "a".repeat(36) + "-0-1", "redis", "password", "on ~* +@all");
    }

    @Test
    void createUserRefusesAnExistingIdOrUserName() throws Exception {
        assertFault(() -> elastiCache.createUser("app", "other", "redis", "password", "on ~* +@all"),
                Kind.ALREADY_EXISTS, "UserAlreadyExists");
        assertFault(() -> elastiCache.createUser("app2", "app", "redis", "password", "on ~* +@all"),
                Kind.ALREADY_EXISTS, "DuplicateUserName");

        elastiCache.createUser("locked-default", "default", "redis", "locked-password", "off ~* +@all");

        assertThat(user("locked-default").status()).isEqualTo("modifying");
        elastiCache.awaitSettled(WAIT);
        assertThat(user("locked-default").active()).isTrue();
        assertThat(user("locked-default").userGroupIds()).isEmpty();
    }

    @Test
    void removingAUserFromTheGroupRemovesItFromTheServer() {
        Jedis app = client(APPLICATION, "app", "app-password");
        try {
            elastiCache.modifyUserGroup("ug", List.of(), List.of("app"));

            assertThatThrownBy(app::ping).isInstanceOf(JedisConnectionException.class); // ACL DELUSER closes them
        } finally {
            LoopbackClients.closeDropped(app);
        }
        assertThatThrownBy(() -> client(APPLICATION, "app", "app-password").close())
                .isInstanceOf(JedisAccessControlException.class);
        UserGroup group = elastiCache.userGroup("ug").orElseThrow();
        assertThat(group.status()).isEqualTo("modifying");
        assertThat(group.userIds()).containsExactly("default", "migrator");
        assertFault(() -> elastiCache.modifyUserGroup("ug", List.of("app"), List.of()), Kind.INVALID_STATE,
                "InvalidUserGroupState");
    }

    @Test
    void swappingInAUserNamedDefaultReplacesTheServersDefaultUser() throws Exception {
        elastiCache.createUser("locked-default", "default", "redis", "locked-password", "off ~* +@all");
        elastiCache.awaitSettled(WAIT);
        try (Jedis anonymous = client(APPLICATION, null, null)) {
            assertThat(anonymous.ping()).isEqualTo("PONG");
        }

        elastiCache.modifyUserGroup("ug", List.of("locked-default"), List.of("default"));

        assertThat(elastiCache.userGroup("ug").orElseThrow().userIds()).contains("locked-default")
                .doesNotContain("default");
        try (Jedis anonymous = client(APPLICATION, null, null)) {
            assertThatThrownBy(anonymous::ping).isInstanceOf(JedisDataException.class).hasMessageStartingWith("NOAUTH");
        }
        try (Jedis migrator = client(MIGRATION, "migrator", "migrator-password")) {
            assertThat(migrator.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aUserGroupMustKeepOneUserNamedDefault() throws Exception {
        elastiCache.createUser("second-default", "default", "redis", "password", "off ~* +@all");
        elastiCache.awaitSettled(WAIT);

        assertFault(() -> elastiCache.modifyUserGroup("ug", List.of(), List.of("default")), Kind.INVALID_PARAMETER,
                "DefaultUserRequired");
        assertFault(() -> elastiCache.modifyUserGroup("ug", List.of("second-default"), List.of()),
                Kind.ALREADY_EXISTS, "DuplicateUserName");
        assertThat(elastiCache.userGroup("ug").orElseThrow().active()).isTrue();
    }

    @Test
    void deletingAUserRemovesItFromItsGroupsAndTheServer() throws Exception {
        elastiCache.deleteUser("app");

        assertThat(user("app").status()).isEqualTo("deleting");
        assertThat(elastiCache.userGroup("ug").orElseThrow().userIds()).doesNotContain("app");
        assertThatThrownBy(() -> client(APPLICATION, "app", "app-password").close())
                .isInstanceOf(JedisAccessControlException.class);
        assertFault(() -> elastiCache.deleteUser("app"), Kind.INVALID_STATE, "InvalidUserState");

        elastiCache.awaitSettled(WAIT);

        assertThat(elastiCache.users()).extracting(CacheUser::userId).doesNotContain("app");
    }

    @Test
    void modifyingTheSecurityGroupsFencesTheSourcesTheyDoNotAdmit() throws Exception {
        Jedis application = client(APPLICATION, "app", "app-password");
        try (Jedis migrator = client(MIGRATION, "migrator", "migrator-password")) {
            elastiCache.modifySecurityGroups("rg", List.of("sg-migration"));

            assertThatThrownBy(application::ping).isInstanceOf(JedisConnectionException.class);
            assertThatThrownBy(() -> client(APPLICATION, "app", "app-password"))
                    .isInstanceOf(JedisConnectionException.class);
            assertThat(migrator.ping()).isEqualTo("PONG");
        } finally {
            LoopbackClients.closeDropped(application);
        }
        ReplicationGroup group = elastiCache.replicationGroup("rg").orElseThrow();
        assertThat(group.status()).isEqualTo("modifying");
        assertThat(group.securityGroupIds()).containsExactly("sg-migration");
        assertFault(() -> elastiCache.modifySecurityGroups("rg", List.of("sg-open")), Kind.INVALID_STATE,
                "InvalidReplicationGroupState");
        assertFault(() -> elastiCache.modifySecurityGroups("rg", List.of("sg-missing")), Kind.INVALID_STATE,
                "InvalidReplicationGroupState");

        elastiCache.awaitSettled(WAIT);
        elastiCache.modifySecurityGroups("rg", List.of("sg-open"));

        try (Jedis app = client(APPLICATION, "app", "app-password")) {
            assertThat(app.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void failNextFailsThePlannedCallsWithoutEffect() {
        ElastiCacheException throttled = new ElastiCacheException(Kind.TRANSIENT, "Throttling", "Rate exceeded.");
        elastiCache.failNext("ModifyUser", 2, throttled);

        assertThatThrownBy(() -> elastiCache.modifyUserAccessString("app", "off")).isSameAs(throttled);
        assertThatThrownBy(() -> elastiCache.modifyUserPassword("app", "other")).isSameAs(throttled);
        assertThat(user("app").accessString()).isEqualTo("on ~* +@all");
        elastiCache.modifyUserAccessString("app", "off");

        assertThat(user("app").accessString()).isEqualTo("off");
        assertThat(elastiCache.calls()).containsExactly("ModifyUser", "ModifyUser", "DescribeUsers", "ModifyUser",
                "DescribeUsers");
    }

    @Test
    void anAuthTokenGroupRequiresTheTokenOfEveryClient() {
        RedisServer tokenServer = redis.start();
        elastiCache.addReplicationGroup("token-rg", tokenServer, AuthMode.AUTH_TOKEN, "the-auth-token",
                List.of("sg-open"));
        ElastiCacheProxy proxy = elastiCache.proxy("token-rg");

        try (Jedis anonymous = LoopbackClients.jedisFrom(APPLICATION, proxy.host(), proxy.port(), null, null)) {
            assertThatThrownBy(anonymous::ping).isInstanceOf(JedisDataException.class).hasMessageStartingWith("NOAUTH");
        }
        try (Jedis client = LoopbackClients.jedisFrom(APPLICATION, proxy.host(), proxy.port(), null, "the-auth-token")) {
            assertThat(client.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void concurrentChangesToOneUserLetExactlyOneThrough() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String accessString = "on ~key:" + i + " +@all";
                attempts.add(threads.submit(changed(() -> elastiCache.modifyUserAccessString("app", accessString))));
            }
            int succeeded = 0;
            for (Future<Boolean> attempt : attempts) {
                succeeded += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(succeeded).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<Boolean> changed(Runnable change) {
        return () -> {
            try {
                change.run();
                return true;
            } catch (ElastiCacheException e) {
                assertThat(e.kind()).isEqualTo(Kind.INVALID_STATE);
                return false;
            }
        };
    }

    private CacheUser user(String userId) {
        return elastiCache.users().stream().filter(user -> user.userId().equals(userId)).findFirst().orElseThrow();
    }

    private Jedis client(String source, String user, String password) {
        ElastiCacheProxy proxy = elastiCache.proxy("rg");
        return LoopbackClients.jedisFrom(source, proxy.host(), proxy.port(), user, password);
    }

    private static void assertFault(ThrowingCallable call, Kind kind, String errorCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElastiCacheException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.errorCode()).isEqualTo(errorCode);
        });
    }
}
