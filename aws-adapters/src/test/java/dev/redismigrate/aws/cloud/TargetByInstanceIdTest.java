package dev.redismigrate.aws.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetByInstanceIdTest {
    private final DescribedElastiCache elastiCache = new DescribedElastiCache();
    private final TargetByInstanceId targets = new TargetByInstanceId(elastiCache);

    private static ReplicationGroup group(boolean clusterMode, String host, boolean tls) {
        return new ReplicationGroup("orders-cache", "modifying", clusterMode, host, host == null ? 0 : 6380, tls,
                AuthMode.NONE, List.of(), "redis", "7.1.0", List.of(), "arn:aws:elasticache:eu-west-1:1:replicationgroup:orders-cache",
                List.of("0001"));
    }

    @Test
    void theGroupsPrimaryEndpointIsTheTargetWithTlsWhenInTransitEncryptionIsOn() {
        elastiCache.groups.put("orders-cache", group(false, "master.orders.abc123.euw1.cache.amazonaws.com", true));
        assertThat(targets.endpoint("orders-cache"))
                .isEqualTo(new RedisEndpoint("master.orders.abc123.euw1.cache.amazonaws.com", 6380, true, null, null));
    }

    @Test
    void aClusterModeGroupsConfigurationEndpointIsTheTarget() {
        elastiCache.groups.put("orders-cache", group(true, "clustercfg.orders.abc123.euw1.cache.amazonaws.com", true));
        assertThat(targets.endpoint("orders-cache"))
                .isEqualTo(new RedisEndpoint("clustercfg.orders.abc123.euw1.cache.amazonaws.com", 6380, true, null, null));
    }

    @Test
    void anUnknownIdAServerlessCacheAndAGroupWithoutEndpointAreOneLineErrors() {
        elastiCache.serverlessCaches.add("orders-serverless");
        elastiCache.groups.put("orders-cache", group(true, null, false));
        assertThatThrownBy(() -> targets.endpoint("nope")).isInstanceOf(UnresolvedTargetException.class)
                .hasMessageStartingWith("No ElastiCache replication group nope in the stack's region");
        assertThatThrownBy(() -> targets.endpoint("orders-serverless"))
                .hasMessageContaining("Serverless cache, which is not supported");
        assertThatThrownBy(() -> targets.endpoint("orders-cache"))
                .hasMessageContaining("is modifying and has no configuration endpoint yet");
    }

    @Test
    void aRefusedLookupSaysWhichPermissionIsMissing() {
        elastiCache.refuse(ElastiCacheException.Kind.ACCESS_DENIED, "AccessDenied");
        assertThatThrownBy(() -> targets.endpoint("orders-cache")).isInstanceOf(UnresolvedTargetException.class)
                .hasMessageContaining("AccessDenied").hasMessageContaining("elasticache:DescribeReplicationGroups")
                .hasMessageNotContaining("\n");
    }
}
