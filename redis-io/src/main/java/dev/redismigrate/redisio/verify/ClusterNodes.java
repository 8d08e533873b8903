package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.Redirect;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import dev.redismigrate.redisio.verify.RedisSide.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * The primaries of a side that is a Redis Cluster, one connection each, and where each key's slot is served. A reshard
 * or failover during the verification is followed: a read answered {@code MOVED} re-reads the slot map (connecting to
 * a primary that is new, the MOVED's word taken for its own slot) and is sent again to the slot's owner; {@code ASK}
 * sends it once more to the importing node, after {@code ASKING}. A command still redirected after {@link #ROUNDS}
 * rounds ends the verification (the slots keep moving). The slots seen changing owner are kept, so that a walk can
 * read again what a reshard may have hidden from it ({@link #movedSince}). Not thread-safe, like its side.
 */
final class ClusterNodes implements AutoCloseable {
    /** Rounds of sending the redirected commands of one batch again, the pauses short: a redirect settles at once. */
    static final int ROUNDS = 8;
    private static final Backoff REDIRECTED = new Backoff(Duration.ofMillis(10), Duration.ofMillis(500));

    /** Sends commands to one node in one round trip; each reply the value or the command's error. */
    @FunctionalInterface
    interface Sender {
        List<Object> send(Node node, List<Cmd> commands);
    }

    /** Some commands of a batch were redirected in a round: they go again in the next. */
    private static final class StillRedirected extends VerificationFailedException {
        StillRedirected(String message) {
            super(message, null);
        }
    }

    private final String side;
    private final Function<ClusterNode, Node> connector;
    private final Sender sender;
    private final Retry redirects;
    /** Every node connected to, in that order: a SCAN walk's cursor names a node by its place here. */
    private final List<Node> opened = new ArrayList<>();
    private final Map<ClusterNode, Node> byAddress = new HashMap<>();
    private SlotMap slots;
    /** Every slot seen changing owner between two readings of the map, in the order seen (see {@link #moves}). */
    private final List<Integer> moved = new ArrayList<>();
    private List<Node> primaries = List.of();
    private int nextKeyless;

    /**
     * @param side      "the source 127.0.0.1:7000", for the messages
     * @param connector opens and checks a connection to a primary (a failure ends the verification)
     */
    ClusterNodes(String side, SlotMap slots, Function<ClusterNode, Node> connector, Sender sender,
                 Retry.Sleeper sleeper) {
        this.side = side;
        this.connector = connector;
        this.sender = sender;
        this.redirects = new Retry(REDIRECTED, ROUNDS, sleeper);
        use(slots);
    }

    /** The primaries serving slots now, in slot order. */
    List<Node> primaries() {
        return primaries;
    }

    /** Every node connected to so far, primaries or not any more; the list only grows. */
    List<Node> opened() {
        return opened;
    }

    boolean isPrimary(Node node) {
        return primaries.contains(node);
    }

    /** How many slot moves were seen so far: a mark for {@link #movedSince}. */
    int moves() {
        return moved.size();
    }

    /** The slots seen changing owner since {@code mark}, each once, with the primary serving each now. */
    Map<Integer, Node> movedSince(int mark) {
        Map<Integer, Node> owners = new LinkedHashMap<>();
        moved.subList(mark, moved.size()).forEach(slot -> owners.put(slot, connected(slots.owner(slot))));
        return owners;
    }

    /**
     * Sends the commands, each to the primary serving its key (a keyless RANDOMKEY to the primaries in turn), the
     * commands of each primary in one round trip, redirected ones again until none is; replies in the commands' order.
     */
    List<Object> pipeline(List<Cmd> commands) {
        Object[] replies = new Object[commands.size()];
        List<Integer> pending = new ArrayList<>(IntStream.range(0, commands.size()).boxed().toList());
        Map<Integer, Node> asked = new HashMap<>();
        redirects.run(StillRedirected.class::isInstance, () -> {
            Map<Node, List<Integer>> byNode = new LinkedHashMap<>();
            for (int i : pending) {
                Node node = asked.containsKey(i) ? asked.get(i) : nodeFor(commands.get(i));
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(i);
            }
            List<Integer> redirected = new ArrayList<>();
            List<Redirect> movedNow = new ArrayList<>();
            Map<Integer, Node> askedNow = new HashMap<>();
            for (Map.Entry<Node, List<Integer>> perNode : byNode.entrySet()) {
                Node node = perNode.getKey();
                List<Integer> indexes = perNode.getValue();
                List<Object> nodeReplies = send(node, indexes.stream().map(commands::get).toList(), asked);
                for (int k = 0; k < indexes.size(); k++) {
                    int i = indexes.get(k);
                    Optional<Redirect> redirect = redirect(nodeReplies.get(k), node);
                    replies[i] = nodeReplies.get(k);
                    if (redirect.isPresent()) {
                        redirected.add(i);
                        if (redirect.get().kind() == Redirect.Kind.ASK) {
                            askedNow.put(i, connected(redirect.get().node()));
                        } else {
                            movedNow.add(redirect.get());
                        }
                    }
                }
            }
            pending.clear();
            pending.addAll(redirected);
            asked.clear();
            asked.putAll(askedNow);
            if (!movedNow.isEmpty()) {
                followMoved(movedNow);
            }
            if (!pending.isEmpty()) {
                String last = ((Exception) replies[pending.get(0)]).getMessage();
                throw new StillRedirected("the " + side + " still redirects reads after " + ROUNDS + " rounds ("
                        + last + "): its slots keep moving; verify again once the reshard or failover is over");
            }
        });
        return Arrays.asList(replies);
    }

    /**
     * The map read again, then each MOVED applied on top: the node that answered it knows its slot is gone, where the
     * node asked for the map may not have heard yet.
     */
    private void followMoved(List<Redirect> moves) {
        refresh();
        for (Redirect move : moves) {
            if (!slots.owner(move.slot()).equals(move.node())) {
                use(slots.withOwner(move.slot(), move.node()));
            }
        }
    }

    /** Reads the slot map again (from the first primary that answers it whole), connecting to new primaries. */
    void refresh() {
        for (Node node : primaries) {
            Object reply = sender.send(node, List.of(new Cmd(Command.CLUSTER, Replies.bytes("SLOTS")))).get(0);
            if (reply instanceof List<?> ranges) {
                Optional<SlotMap> map = SlotMap.parse(ranges, host(node));
                if (map.isPresent()) {
                    use(map.get());
                    return;
                }
            }
        }
        // no primary knows an owner for every slot (a failover under way): the next redirect or round reads again
    }

    @Override
    public void close() {
        opened.forEach(node -> node.connection().close());
    }

    private void use(SlotMap map) {
        if (slots != null) {
            for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
                if (!slots.owner(slot).equals(map.owner(slot))) {
                    moved.add(slot);
                }
            }
        }
        slots = map;
        List<Node> now = new ArrayList<>();
        for (ClusterNode primary : map.primaries()) {
            now.add(connected(primary));
        }
        primaries = List.copyOf(now);
    }

    private Node connected(ClusterNode address) {
        Node node = byAddress.get(address);
        if (node == null) {
            node = connector.apply(address);
            byAddress.put(address, node);
            opened.add(node);
        }
        return node;
    }

    private Node nodeFor(Cmd cmd) {
        byte[] key = cmd.key();
        if (key != null) {
            return connected(slots.ownerOf(key));
        }
        nextKeyless = (nextKeyless + 1) % primaries.size();
        return primaries.get(nextKeyless);
    }

    /**
     * The commands to one node, each preceded by {@code ASKING} when some of them were answered ASK towards this node
     * last round (ASKING only lets the next command into a slot being imported: harmless before the others).
     */
    private List<Object> send(Node node, List<Cmd> commands, Map<Integer, Node> asked) {
        if (!asked.containsValue(node)) {
            return sender.send(node, commands);
        }
        List<Cmd> withAsking = new ArrayList<>(commands.size() * 2);
        for (Cmd cmd : commands) {
            withAsking.add(new Cmd(Command.ASKING));
            withAsking.add(cmd);
        }
        List<Object> replies = sender.send(node, withAsking);
        List<Object> own = new ArrayList<>(commands.size());
        for (int i = 1; i < replies.size(); i += 2) {
            own.add(replies.get(i));
        }
        return own;
    }

    private static Optional<Redirect> redirect(Object reply, Node from) {
        return reply instanceof JedisRedirectionException e ? Redirect.parse(e.getMessage(), host(from))
                : Optional.empty();
    }

    private static String host(Node node) {
        return node.address().substring(0, node.address().lastIndexOf(':'));
    }
}
