package dev.redismigrate.functions.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.functions.aws.RecordedHttpClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

class AwsReplicationGroupsTest {
    private final RecordedHttpClient http = new RecordedHttpClient();
    private final AwsReplicationGroups groups = new AwsReplicationGroups(http.client(ElastiCacheClient.builder()));

    @Test
    void readsStatusPrimaryEndpointAndTls() {
        http.answer(200, "elasticache/describe-replication-groups-available.xml");
        assertThat(groups.find("orders-cache")).contains(new ReplicationGroups.Group("orders-cache", "available", false,
                "master.orders-cache.abc123.euw1.cache.amazonaws.com", 6379, true));
        assertThat(http.requests()).singleElement().satisfies(request -> assertThat(request.body())
                .contains("Action=DescribeReplicationGroups").contains("ReplicationGroupId=orders-cache"));
    }

    @Test
    void aClusterModeGroupHasNoPrimaryEndpoint() {
        http.answer(200, "elasticache/describe-replication-groups-cluster-mode.xml");
        ReplicationGroups.Group group = groups.find("sharded-cache").orElseThrow();
        assertThat(group.clusterEnabled()).isTrue();
        assertThat(group.primaryHost()).isNull();
    }

    @Test
    void anUnknownIdIsEmpty() {
        http.answer(404, "elasticache/error-replication-group-not-found.xml");
        assertThat(groups.find("orders-cache")).isEmpty();
    }
}
