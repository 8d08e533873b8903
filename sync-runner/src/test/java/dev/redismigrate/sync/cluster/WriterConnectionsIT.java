package dev.redismigrate.sync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Every writer connection is named in the watermark as soon as it is opened, before anything is sent on it: also the
 * one opened to a primary that appeared in a failover after the last watermark, so that a crash before the next
 * watermark still fences it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WriterConnectionsIT {
    private static final String NAME = "task-1";
    private static final String WATERMARK = CheckpointKey.forTask(NAME);

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @Test
    void aConnectionToAPrimaryThatAppearedInAFailoverIsNamedInTheWatermarkBeforeTheNextOne() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 1);
        try (Jedis owner = cluster.ownerOf(WATERMARK).client()) {
            owner.hset(WATERMARK, Map.of("replid", "r", "offset", "10", "state", "stream"));
        }
        WriterConnections writers = new WriterConnections(WriterConnectionsIT::connect, field -> {
            try (RespConnection owner = connect(node(cluster.ownerOf(WATERMARK)))) {
                Watermark.nameWriters(owner, NAME, field);
            }
        });
        RedisServer seed = cluster.nodes().get(0);
        try (SlotRoutingWriter routing = new SlotRoutingWriter(writers, node(seed))) {
            assertThat(named(cluster).keySet()).as("every primary's writer, named before anything is written")
                    .containsExactlyInAnyOrderElementsOf(cluster.primaries().stream().map(WriterConnectionsIT::runId)
                            .toList());
            RedisServer replica = cluster.replicasOf(cluster.ownerOf("k")).get(0);
            cluster.failover(replica);

            assertThat(routing.write(List.of(List.<byte[][]>of(args("SET", "k", "v")))).allApplied()).isTrue();

            Long writer = named(cluster).get(runId(replica));
            assertThat(writer).as("the new primary's writer, named by no watermark of the writer's").isNotNull();
            try (Jedis promoted = replica.client()) {
                assertThat(promoted.clientList()).contains("id=" + writer + " ");
            }
        }
        try (Jedis owner = cluster.ownerOf(WATERMARK).client()) {
            assertThat(owner.hget(WATERMARK, "offset")).as("the rest of the watermark unchanged").isEqualTo("10");
        }
    }

    @Test
    void withoutAWatermarkNothingIsWritten() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        try (RespConnection owner = connect(node(cluster.ownerOf(WATERMARK)))) {
            Watermark.nameWriters(owner, NAME, "run:1");
        }
        try (Jedis owner = cluster.ownerOf(WATERMARK).client()) {
            assertThat(owner.exists(WATERMARK)).isFalse();
        }
    }

    private static Map<String, Long> named(RedisCluster cluster) {
        try (Jedis owner = cluster.ownerOf(WATERMARK).client()) {
            return WriterConnections.parse(owner.hget(WATERMARK, Watermark.FIELD_WRITERS));
        }
    }

    private static String runId(RedisServer server) {
        try (Jedis client = server.client()) {
            return client.info("server").lines().filter(line -> line.startsWith("run_id:")).findFirst()
                    .orElseThrow().substring("run_id:".length()).trim();
        }
    }

    private static ClusterNode node(RedisServer server) {
        return new ClusterNode(server.host(), server.port());
    }

    private static RespConnection connect(ClusterNode node) {
        return RespConnection.open(RedisEndpoint.of(node.host(), node.port()), Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
    }

    private static byte[][] args(String... words) {
        byte[][] args = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            args[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        }
        return args;
    }
}
