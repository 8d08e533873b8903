package dev.redismigrate.redisio.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterDetectionIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final ClusterDetection detection = new ClusterDetection(new RedisConnections(new LocalSecretResolver()));

    @Test
    void anyNodeOfAClusterNamesTheClustersPrimaries() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 1);

        for (RedisServer node : cluster.nodes()) {
            ClusterTopology topology = detection.detect("target", RedisEndpoint.of(node.host(), node.port()));

            assertThat(topology.usable()).isTrue();
            assertThat(topology.primaries()).containsExactlyInAnyOrderElementsOf(cluster.primaries().stream()
                    .map(p -> new ClusterNode(p.host(), p.port())).toList());
            assertThat(topology.slots().owner(RedisCluster.slot("foo")).port()).isEqualTo(cluster.ownerOf("foo").port());
        }
    }

    @Test
    void aClusterNodeServingNoSlotsIsAClusterThatCannotTakeWrites() {
        RedisServer lone = redis.start(RedisVersion.V6_2, RedisCluster.nodeConfig());

        ClusterTopology topology = detection.detect("target", RedisEndpoint.of(lone.host(), lone.port()));

        assertThat(topology.cluster()).isTrue();
        assertThat(topology.state()).isEqualTo("fail");
        assertThat(topology.usable()).isFalse();
        assertThat(topology.primaries()).isEmpty();
    }

    @Test
    void standaloneServersAreNotClustersOnEveryVersion() {
        for (RedisVersion version : new RedisVersion[] {RedisVersion.V2_8, RedisVersion.V6_2}) {
            RedisServer server = redis.start(version);

            ClusterTopology topology = detection.detect("target", RedisEndpoint.of(server.host(), server.port()));

            assertThat(topology).isEqualTo(ClusterTopology.STANDALONE);
            assertThat(topology.primaries()).isEmpty();
        }
    }
}
