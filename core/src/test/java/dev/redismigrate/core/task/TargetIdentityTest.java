package dev.redismigrate.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.AddressResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetIdentityTest {
    private final AddressResolver hosts = host -> Optional.ofNullable(Map.of("localhost", "127.0.0.1",
            "node-b.internal", "10.0.0.2").get(host));

    @Test
    void aServerIsItsResolvedAddress() {
        assertThat(TargetIdentity.of(TargetSpec.of(RedisEndpoint.of("localhost", 6379)), hosts))
                .isEqualTo("127.0.0.1:6379");
    }

    @Test
    void twoNodesOfOneClusterAreOneTarget() {
        List<String> primaries = List.of("10.0.0.3:7000", "node-b.internal:7000", "10.0.0.1:7000");
        String viaOneNode = TargetIdentity.of(TargetSpec.of(RedisEndpoint.of("10.0.0.1", 7000)), hosts, primaries);
        String viaAnother = TargetIdentity.of(TargetSpec.of(RedisEndpoint.of("10.0.0.3", 7000)), hosts,
                List.of("10.0.0.2:7000", "10.0.0.1:7000", "10.0.0.3:7000"));

        assertThat(viaOneNode).isEqualTo("cluster:10.0.0.1:7000,10.0.0.2:7000,10.0.0.3:7000").isEqualTo(viaAnother);
    }

    @Test
    void anInstanceIdWinsOverItsNodes() {
        TargetSpec byId = new TargetSpec(RedisEndpoint.of("10.0.0.1", 6379), "Orders-Cache");

        assertThat(TargetIdentity.of(byId, hosts, List.of("10.0.0.1:6379"))).isEqualTo("elasticache:orders-cache");
    }

    @Test
    void anIpv6PrimaryIsBracketed() {
        assertThat(TargetIdentity.of(TargetSpec.of(RedisEndpoint.of("::1", 7000)), hosts, List.of("::1:7000")))
                .isEqualTo("cluster:[::1]:7000");
    }
}
