package dev.redismigrate.aws.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.aws.RecordedHttpClient;
import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ElastiCacheException.Kind;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.elasticache.UserGroup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

class AwsElastiCacheTest {
    private final RecordedHttpClient http = new RecordedHttpClient();
    private final AwsElastiCache elastiCache = new AwsElastiCache(http.client(ElastiCacheClient.builder()));

    @Test
    void aGroupWithAnAuthTokenIsReadWithItsPrimarysEngineVersionAndSecurityGroups() {
        http.answer(200, "elasticache/describe-replication-groups-available.xml")
                .answer(200, "elasticache/describe-cache-clusters-primary.xml");
        assertThat(elastiCache.replicationGroup("orders-cache")).contains(new ReplicationGroup("orders-cache", "available",
                false, "master.orders-cache.abc123.euw1.cache.amazonaws.com", 6379, true, AuthMode.AUTH_TOKEN, List.of(),
                "redis", "7.1.0", List.of("sg-0a1b2c3d4e5f60718", "sg-0f1e2d3c4b5a69788"),
                "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:orders-cache", List.of("0001")));
        assertThat(http.requests()).extracting(RecordedHttpClient.Request::body).satisfiesExactly(
                groups -> assertThat(groups).contains("Action=DescribeReplicationGroups").contains("ReplicationGroupId=orders-cache"),
                clusters -> assertThat(clusters).contains("Action=DescribeCacheClusters").contains("CacheClusterId=orders-cache-001"));
    }

    @Test
    void aGroupWithAUserGroupIsRbacAndItsPrimaryIsTheMemberInThatRole() {
        http.answer(200, "elasticache/describe-replication-groups-rbac.xml")
                .answer(200, "elasticache/describe-cache-clusters-valkey.xml");
        ReplicationGroup group = elastiCache.replicationGroup("sessions").orElseThrow();
        assertThat(group.authMode()).isEqualTo(AuthMode.RBAC);
        assertThat(group.userGroupIds()).containsExactly("sessions-users");
        assertThat(group.engine()).isEqualTo("valkey");
        assertThat(group.engineVersion()).isEqualTo("8.0.1");
        assertThat(group.endpointPort()).isEqualTo(6380);
        assertThat(http.requests().get(1).body()).contains("CacheClusterId=sessions-002");
    }

    @Test
    void aClusterModeGroupIsReachedAtItsConfigurationEndpointAndNamesItsShards() {
        http.answer(200, "elasticache/describe-replication-groups-cluster-mode.xml");
        ReplicationGroup group = elastiCache.replicationGroup("sharded-cache").orElseThrow();
        assertThat(group.clusterMode()).isTrue();
        assertThat(group.endpointHost()).isEqualTo("clustercfg.sharded-cache.abc123.euw1.cache.amazonaws.com");
        assertThat(group.endpointPort()).isEqualTo(6379);
        assertThat(group.shardIds()).containsExactly("0001", "0002");
        assertThat(group.authMode()).isEqualTo(AuthMode.NONE);
    }

    @Test
    void anUnknownGroupIsEmpty() {
        http.answer(404, "elasticache/error-replication-group-not-found.xml");
        assertThat(elastiCache.replicationGroup("orders-cache")).isEmpty();
    }

    @Test
    void aServerlessCacheIsFoundByName() {
        http.answer(200, "elasticache/describe-serverless-caches.xml")
                .answer(404, "elasticache/error-serverless-cache-not-found.xml");
        assertThat(elastiCache.serverlessCacheExists("orders-serverless")).isTrue();
        assertThat(elastiCache.serverlessCacheExists("orders-cache")).isFalse();
        assertThat(http.requests().get(0).body()).contains("Action=DescribeServerlessCaches")
                .contains("ServerlessCacheName=orders-serverless");
    }

    @Test
    void usersAreReadPageByPage() {
        http.answer(200, "elasticache/describe-users-page-1.xml").answer(200, "elasticache/describe-users-page-2.xml");
        assertThat(elastiCache.users()).containsExactly(
                new CacheUser("default", "default", "active", "on ~* +@all", List.of("sessions-users", "reports-users"), "valkey"),
                new CacheUser("app-writer", "app", "active", "on ~sessions:* +@all -@dangerous", List.of("sessions-users"), "valkey"),
                new CacheUser("reporter", "reporter", "modifying", "on ~* +@read", List.of("reports-users"), "valkey"));
        assertThat(http.requests()).extracting(RecordedHttpClient.Request::body).satisfiesExactly(
                first -> assertThat(first).contains("Action=DescribeUsers").doesNotContain("Marker"),
                second -> assertThat(second).contains("Marker=app-writer"));
    }

    @Test
    void aUserGroupIsReadAndAnUnknownOneIsEmpty() {
        http.answer(200, "elasticache/describe-user-groups.xml").answer(404, "elasticache/error-user-group-not-found.xml");
        assertThat(elastiCache.userGroup("sessions-users")).contains(
                new UserGroup("sessions-users", "active", List.of("default", "app-writer"), List.of("sessions")));
        assertThat(elastiCache.userGroup("nobody")).isEmpty();
    }

    @Test
    void theChangesSendWhatTheApiReferenceNames() {
        http.answer(200, "elasticache/create-user.xml").answer(200, "elasticache/modify-user.xml")
                .answer(200, "elasticache/modify-user.xml").answer(200, "elasticache/modify-user-group.xml")
                .answer(200, "elasticache/delete-user.xml").answer(200, "elasticache/modify-replication-group.xml");
        elastiCache.createUser("redis-migrate-0a1b2c3d", "redis-migrate-0a1b2c3d", "valkey", "a-long-generated-secret", "on ~* +@all");
        elastiCache.modifyUserAccessString("app-writer", "on ~sessions:* +@read");
        elastiCache.modifyUserPassword("redis-migrate-0a1b2c3d", "another-long-secret");
        elastiCache.modifyUserGroup("sessions-users", List.of("redis-migrate-0a1b2c3d"), List.of());
        elastiCache.deleteUser("redis-migrate-0a1b2c3d");
        elastiCache.modifySecurityGroups("orders-cache", List.of("sg-fence", "sg-other"));
        assertThat(http.requests()).extracting(RecordedHttpClient.Request::body).satisfiesExactly(
                create -> assertThat(create).contains("Action=CreateUser", "UserId=redis-migrate-0a1b2c3d",
                        "UserName=redis-migrate-0a1b2c3d", "Engine=valkey", "Passwords.member.1=a-long-generated-secret",
                        "AccessString=on+%7E*+%2B%40all"),
                access -> assertThat(access).contains("Action=ModifyUser", "UserId=app-writer",
                        "AccessString=on+%7Esessions%3A*+%2B%40read").doesNotContain("Passwords"),
                password -> assertThat(password).contains("Action=ModifyUser", "Passwords.member.1=another-long-secret")
                        .doesNotContain("AccessString"),
                group -> assertThat(group).contains("Action=ModifyUserGroup", "UserGroupId=sessions-users",
                        "UserIdsToAdd.member.1=redis-migrate-0a1b2c3d").doesNotContain("UserIdsToRemove"),
                delete -> assertThat(delete).contains("Action=DeleteUser", "UserId=redis-migrate-0a1b2c3d"),
                fence -> assertThat(fence).contains("Action=ModifyReplicationGroup", "ReplicationGroupId=orders-cache",
                        "SecurityGroupIds.SecurityGroupId.1=sg-fence", "SecurityGroupIds.SecurityGroupId.2=sg-other",
                        "ApplyImmediately=true"));
    }

    @ParameterizedTest(name = "{1} ({0}) is {2}")
    @CsvSource({
            "400, error-invalid-user-state.xml, INVALID_STATE, InvalidUserState",
            "400, error-user-already-exists.xml, ALREADY_EXISTS, UserAlreadyExists",
            "400, error-invalid-parameter-value.xml, INVALID_PARAMETER, InvalidParameterValue",
            "403, error-access-denied.xml, ACCESS_DENIED, AccessDenied",
            "400, error-throttling.xml, TRANSIENT, Throttling",
            "503, error-service-unavailable.xml, TRANSIENT, ServiceUnavailable",
            "404, error-user-group-not-found.xml, NOT_FOUND, UserGroupNotFound"})
    void aRefusedChangeIsTypedByItsErrorCode(int status, String response, Kind kind, String code) {
        http.answer(status, "elasticache/" + response);
        assertThatThrownBy(() -> elastiCache.modifyUserGroup("sessions-users", List.of("redis-migrate-0a1b2c3d"), List.of()))
                .isInstanceOfSatisfying(ElastiCacheException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith("ElastiCache ModifyUserGroup failed (" + code + ")");
                });
    }

    @Test
    void aCallThatGetsNoAnswerIsTransient() {
        http.breakConnection();
        assertThatThrownBy(() -> elastiCache.deleteUser("redis-migrate-0a1b2c3d"))
                .isInstanceOfSatisfying(ElastiCacheException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                    assertThat(e.getMessage()).startsWith("ElastiCache DeleteUser could not be called");
                });
    }

    @Test
    void aRefusedPasswordChangeNeverCarriesThePassword() {
        http.answer(400, "elasticache/error-invalid-parameter-value.xml");
        assertThatThrownBy(() -> elastiCache.modifyUserPassword("redis-migrate-0a1b2c3d", "a-long-generated-secret"))
                .isInstanceOfSatisfying(ElastiCacheException.class,
                        e -> assertThat(e).hasMessageNotContaining("a-long-generated-secret"));
    }
}
