package dev.redismigrate.redisio.verify;

import static dev.redismigrate.redisio.verify.ClusterTargetVerifyIT.clusterClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Protocol.Command;

/**
 * A cluster side whose slot map changes after it was read: reads answered {@code MOVED} (a slot moved, a failover)
 * or {@code ASK} (a slot half migrated) reach the key's node now, counts and walks follow the primaries of now.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterRedirectsIT {
    private static final int KEYS = 300;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final RedisConnections connections = new RedisConnections(new LocalSecretResolver(Map.of()));

    @Test
    void aReadOfASlotMovedSinceTheMapWasReadIsAnsweredByItsNewOwner() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        write(cluster);
        try (RedisSide side = connect(cluster)) {
            String key = "key:1";
            RedisServer to = cluster.primaries().stream().filter(p -> p.port() != cluster.ownerOf(key).port())
                    .findFirst().orElseThrow();
            cluster.moveSlot(RedisCluster.slot(key), to);

            assertThat(values(side)).isEqualTo(expected());
            assertThat(side.keyspace().get(0).keys()).isEqualTo(KEYS);
        }
    }

    @Test
    void aReadOfAKeyAlreadyMigratedOutOfAHalfMovedSlotFollowsTheAsk() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        write(cluster);
        String moved = "{tag}a";
        String staying = "{tag}b";
        try (JedisCluster client = clusterClient(cluster)) {
            client.set(moved, "moved");
            client.set(staying, "staying");
        }
        try (RedisSide side = connect(cluster)) {
            RedisServer from = cluster.ownerOf(moved);
            RedisServer to = cluster.primaries().stream().filter(p -> p.port() != from.port()).findFirst()
                    .orElseThrow();
            RedisCluster.SlotMove move = cluster.beginSlotMove(RedisCluster.slot(moved), to);
            move.migrate(moved);

            List<Object> replies = side.pipeline(List.of(new Cmd(Command.GET, bytes(moved)),
                    new Cmd(Command.GET, bytes(staying)), new Cmd(Command.GET, bytes("key:1"))));
            assertThat(replies).extracting(reply -> new String((byte[]) reply, StandardCharsets.UTF_8))
                    .containsExactly("moved", "staying", "v1");
            move.finish();
            assertThat(values(side)).isEqualTo(expected());
        }
    }

    @Test
    void theKeysOfASlotMovedBehindAWalkAreReadFromTheirNewOwnerAfterIt() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        write(cluster);
        RedisServer first = cluster.primaries().get(0);
        String key = IntStream.range(0, KEYS).mapToObj(i -> "key:" + i)
                .filter(k -> cluster.ownerOf(k).port() == cluster.primaries().get(2).port()).findFirst().orElseThrow();
        try (RedisSide side = connect(cluster)) {
            int mark = side.slotMoves();
            List<Object> firstPrimary = side.scan(bytes("0"), bytes("COUNT"), bytes("1000"));
            assertThat(new String((byte[]) firstPrimary.get(0), StandardCharsets.UTF_8)).isEqualTo("1-0");
            cluster.moveSlot(RedisCluster.slot(key), first); // behind the walk: it has left the first primary

            List<String> walked = walk(side, (byte[]) firstPrimary.get(0));
            assertThat(walked).doesNotContain(key);
            assertThat(side.keysOfSlotsMovedSince(mark)).extracting(k -> new String(k, StandardCharsets.UTF_8))
                    .contains(key);
        }
    }

    @Test
    void afterAFailoverReadsCountsAndWalksGoToThePromotedReplicaAndNotToItsOldPrimary() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 1);
        write(cluster);
        try (RedisSide side = connect(cluster)) {
            RedisServer primary = cluster.primaries().get(0);
            cluster.failover(cluster.replicasOf(primary).get(0));

            assertThat(values(side)).isEqualTo(expected());
            assertThat(side.keyspace().get(0).keys()).isEqualTo(KEYS);
            assertThat(side.keyspaceByNode()).hasSize(3).doesNotContainKey(primary.host() + ":" + primary.port());
            assertThat(walk(side)).hasSize(KEYS).doesNotHaveDuplicates();
        }
    }

    private RedisSide connect(RedisCluster cluster) {
        RedisServer any = cluster.primaries().get(1);
        return RedisSide.connect("source", RedisEndpoint.of(any.host(), any.port()), connections, new Throttle(0));
    }

    /** Every key's value, read in one batch. */
    private static List<String> values(RedisSide side) {
        List<Cmd> reads = IntStream.range(0, KEYS).mapToObj(i -> new Cmd(Command.GET, bytes("key:" + i))).toList();
        return side.pipeline(reads).stream().map(reply -> new String((byte[]) reply, StandardCharsets.UTF_8)).toList();
    }

    private static List<String> expected() {
        return IntStream.range(0, KEYS).mapToObj(i -> "v" + i).toList();
    }

    /** Every key a SCAN walk of the side yields. */
    private static List<String> walk(RedisSide side) {
        return walk(side, bytes("0"));
    }

    /** The keys a SCAN walk yields from {@code cursor} on. */
    private static List<String> walk(RedisSide side, byte[] cursor) {
        List<String> keys = new ArrayList<>();
        do {
            List<Object> page = side.scan(cursor, bytes("COUNT"), bytes("100"));
            cursor = (byte[]) page.get(0);
            Replies.list(page.get(1)).forEach(key -> keys.add(new String((byte[]) key, StandardCharsets.UTF_8)));
        } while (!(cursor.length == 1 && cursor[0] == '0'));
        return keys;
    }

    private static void write(RedisCluster cluster) {
        try (JedisCluster client = clusterClient(cluster)) {
            for (int i = 0; i < KEYS; i++) {
                client.set("key:" + i, "v" + i);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
