package dev.redismigrate.redisio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import dev.redismigrate.redisio.verify.RedisSide.Node;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/** Following redirects over fake nodes: replies in order, ASKING before an asked read, a bound on the rounds. */
class ClusterNodesTest {
    private static final ClusterNode A = new ClusterNode("127.0.0.1", 7000);
    private static final ClusterNode B = new ClusterNode("127.0.0.1", 7001);

    /** What each node was sent, by port. */
    private final Map<Integer, List<String>> sent = new ConcurrentHashMap<>();
    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void aMovedReadIsSentToTheOwnerOfTheMapReadAgainAndTheRepliesStayInOrder() {
        String moved = keyServedBy(A, "moved");
        String stays = keyServedBy(A, "stays");
        String onB = keyServedBy(B, "b");
        SlotMap[] map = {halves()};
        ClusterNodes nodes = nodes(map[0], (node, commands) -> {
            if (commands.get(0).command() == Command.CLUSTER) {
                return List.of(slotsReply(map[0]));
            }
            return commands.stream().<Object>map(cmd -> {
                String key = new String(cmd.key(), StandardCharsets.UTF_8);
                return port(node) == 7000 && key.equals(moved) ? moved(B, key) : port(node) + ":" + key;
            }).toList();
        });
        map[0] = map[0].withOwner(KeySlot.of(moved), B); // the reshard, as CLUSTER SLOTS will tell it

        List<Object> replies = nodes.pipeline(List.of(get(moved), get(stays), get(onB)));

        assertThat(replies).containsExactly("7001:" + moved, "7000:" + stays, "7001:" + onB);
        assertThat(sent.get(7000)).containsExactly("GET " + moved, "GET " + stays, "CLUSTER");
        assertThat(sent.get(7001)).containsExactly("GET " + onB, "GET " + moved);
        assertThat(pauses).hasSize(1);
    }

    @Test
    void anAskedReadGoesOnceToTheImportingNodeAfterAsking() {
        String asked = keyServedBy(A, "asked");
        ClusterNodes nodes = nodes(halves(), (node, commands) -> commands.stream().<Object>map(cmd -> {
            if (cmd.command() == Command.ASKING) {
                return "OK";
            }
            String key = new String(cmd.key(), StandardCharsets.UTF_8);
            return port(node) == 7000 ? new JedisAskDataException("ASK " + KeySlot.of(key) + " " + B.address(),
                    new HostAndPort(B.host(), B.port()), KeySlot.of(key)) : "7001:" + key;
        }).toList());

        assertThat(nodes.pipeline(List.of(get(asked)))).containsExactly("7001:" + asked);
        assertThat(sent.get(7001)).containsExactly("ASKING", "GET " + asked);
        assertThat(nodes.primaries()).extracting(Node::address).containsExactly(A.address(), B.address());
    }

    @Test
    void aReadStillRedirectedAfterEveryRoundEndsTheVerificationWithOneLine() {
        String key = keyServedBy(A, "k");
        ClusterNodes nodes = nodes(halves(), (node, commands) -> commands.get(0).command() == Command.CLUSTER
                ? List.of(slotsReply(halves())) : List.of(moved(B, key)));

        assertThatThrownBy(() -> nodes.pipeline(List.of(get(key))))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessage("the source 127.0.0.1:7000 still redirects reads after " + ClusterNodes.ROUNDS + " rounds"
                        + " (MOVED " + KeySlot.of(key) + " 127.0.0.1:7001): its slots keep moving; verify again once"
                        + " the reshard or failover is over");
        assertThat(pauses).hasSize(ClusterNodes.ROUNDS - 1);
    }

    private ClusterNodes nodes(SlotMap map, ClusterNodes.Sender sender) {
        return new ClusterNodes("source 127.0.0.1:7000", map, address -> new Node(address.address(), null),
                (node, commands) -> {
                    commands.forEach(cmd -> sent.computeIfAbsent(port(node), p -> new ArrayList<>())
                            .add(cmd.key() == null ? cmd.command().name() : cmd.command() + " "
                                    + new String(cmd.key(), StandardCharsets.UTF_8)));
                    return sender.send(node, commands);
                }, pauses::add);
    }

    /** A serves slots 0-8191, B the rest. */
    private static SlotMap halves() {
        return SlotMap.parse(List.of(range(0, 8191, A), range(8192, 16383, B)), "127.0.0.1").orElseThrow();
    }

    /** The CLUSTER SLOTS reply describing {@code map}, one range per slot run. */
    private static List<Object> slotsReply(SlotMap map) {
        List<Object> ranges = new ArrayList<>();
        int start = 0;
        for (int slot = 1; slot <= KeySlot.SLOTS; slot++) {
            if (slot == KeySlot.SLOTS || !map.owner(slot).equals(map.owner(start))) {
                ranges.add(range(start, slot - 1, map.owner(start)));
                start = slot;
            }
        }
        return ranges;
    }

    private static List<Object> range(long from, long to, ClusterNode owner) {
        return List.of(from, to, List.of(owner.host().getBytes(StandardCharsets.UTF_8), (long) owner.port()));
    }

    private static JedisMovedDataException moved(ClusterNode to, String key) {
        return new JedisMovedDataException("MOVED " + KeySlot.of(key) + " " + to.address(),
                new HostAndPort(to.host(), to.port()), KeySlot.of(key));
    }

    /** The first of {@code prefix0}, {@code prefix1}... whose slot {@code owner} serves in {@link #halves}. */
    private static String keyServedBy(ClusterNode owner, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (halves().ownerOf(key.getBytes(StandardCharsets.UTF_8)).equals(owner)) {
                return key;
            }
        }
    }

    private static Cmd get(String key) {
        return new Cmd(Command.GET, key.getBytes(StandardCharsets.UTF_8));
    }

    private static int port(Node node) {
        return Integer.parseInt(node.address().substring(node.address().lastIndexOf(':') + 1));
    }
}
