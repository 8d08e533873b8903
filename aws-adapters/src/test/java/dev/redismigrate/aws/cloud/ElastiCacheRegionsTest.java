package dev.redismigrate.aws.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElastiCacheRegionsTest {
    @Test
    void regionsHaveTheShortCodesOfElastiCacheHostNames() {
        assertThat(ElastiCacheRegions.codeOf("eu-west-1")).isEqualTo("euw1");
        assertThat(ElastiCacheRegions.codeOf("us-east-1")).isEqualTo("use1");
        assertThat(ElastiCacheRegions.codeOf("ap-southeast-2")).isEqualTo("apse2");
        assertThat(ElastiCacheRegions.codeOf("eu-central-1")).isEqualTo("euc1");
    }

    @Test
    void anEndpointHostNamesItsRegionCodeAndOtherHostsNone() {
        assertThat(ElastiCacheRegions.codeOfHost("master.orders.abc123.euw1.cache.amazonaws.com")).contains("euw1");
        assertThat(ElastiCacheRegions.codeOfHost("orders-001.abc123.0001.USE1.cache.amazonaws.com")).contains("use1");
        assertThat(ElastiCacheRegions.codeOfHost("redis.internal")).isEmpty();
    }

    @Test
    void anArnNamesItsRegion() {
        assertThat(ElastiCacheRegions.ofArn("arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:orders"))
                .contains("eu-west-1");
        assertThat(ElastiCacheRegions.ofArn(null)).isEmpty();
    }
}
