package dev.redismigrate.sync.cluster;

import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.redisio.cluster.ClusterNode;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.redisio.cluster.Redirect;
import dev.redismigrate.redisio.cluster.SlotMap;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.resp.RespError;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Writes a standalone source's commands into a Redis Cluster: one connection per primary, each command routed by its
 * key's slot ({@link CommandRouting}), all nodes' commands of a call pipelined together, and nothing returned before
 * every command is answered. A command a node answers {@code MOVED} (a reshard or a failover since the slot map was
 * read) was not applied there: the map is refreshed from the new owner and the command sent again; {@code ASK} sends
 * it once to the importing node after {@code ASKING}; {@code TRYAGAIN} and {@code CLUSTERDOWN} (keys of a slot half
 * migrated, a failover in progress) send it again after a pause. Only those answers mean "not applied", so nothing is
 * applied twice, and nothing is lost while the cluster answers at all.
 *
 * <p>Order: commands on one key stay in order, because every command of a slot goes to the same node in a round, and
 * a node refusing one of them refuses the later ones on that key too. The exception is a command or transaction that
 * names several keys, which a migrating slot can refuse as a whole while a later single-key command succeeds, so in a
 * round no command of its slot is sent after it (they follow in the next round).
 *
 * <p>A block of several commands is a source transaction: it becomes one {@code MULTI ... EXEC} per slot, since a
 * cluster runs a transaction only on keys of one slot; a block spanning slots loses its atomicity across them and is
 * counted ({@link Counts#transactionsSplit}). Keyless writes ({@code FLUSHALL}, {@code FUNCTION LOAD}) go to every
 * primary, in a round of their own. Not thread-safe: one thread writes and reads.
 */
public final class SlotRoutingWriter implements Closeable {
    /**
     * Times one command may be sent back before giving up: a redirection settles at once, a reshard's TRYAGAIN within
     * the paused retries (up to a second each, so minutes in all).
     */
    private static final int MAX_REDIRECTS = 200;
    /** Pause after TRYAGAIN or CLUSTERDOWN: short first (a slot's last keys migrate quickly), up to a second. */
    private static final Backoff NOT_READY = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1));
    private static final byte[] ASKING = ascii("ASKING");
    private static final byte[] MULTI = ascii("MULTI");
    private static final byte[] EXEC = ascii("EXEC");

    /** Opens (and authenticates) a connection to one node. */
    @FunctionalInterface
    public interface NodeConnector {
        RespConnection open(ClusterNode node);
    }

    /**
     * One more command for each slot's share of a block, applied in the same {@code MULTI ... EXEC} as that share: a
     * checkpoint of the slot ({@link SlotCheckpointKeys}) saying the slot holds everything through the block.
     */
    @FunctionalInterface
    public interface SlotStamp {
        /** @param block the index in the call of the last block whose share the slot's transaction holds */
        byte[][] forSlot(int slot, int block);

        /**
         * True when the slot already holds its share of the block (an earlier attempt applied it with a stamp at or
         * after the block): the share is left out, so a resumed sync applies it once.
         */
        default boolean applied(int slot, int block) {
            return false;
        }
    }

    /**
     * What happened to the commands of one call that the cluster did not simply apply.
     *
     * @param permissionDenied a rejection was {@code NOPERM} (the user may not run a command)
     */
    public record Outcome(List<String> rejected, int runtimeErrors, boolean permissionDenied) {
        public boolean allApplied() {
            return rejected.isEmpty() && runtimeErrors == 0;
        }

        Outcome and(Outcome later) {
            List<String> all = new ArrayList<>(rejected);
            all.addAll(later.rejected);
            return new Outcome(all, runtimeErrors + later.runtimeErrors, permissionDenied || later.permissionDenied);
        }
    }

    /** Since this writer was opened; written by the writing thread only, readable from any (progress). */
    public static final class Counts {
        volatile long moved;
        volatile long asked;
        volatile long notReady;
        volatile long transactionsSplit;
        volatile long atomicityLost;

        /** MOVED answers followed (a reshard or failover). */
        public long moved() {
            return moved;
        }

        /** ASK answers followed (a slot being migrated). */
        public long asked() {
            return asked;
        }

        /** TRYAGAIN / CLUSTERDOWN answers waited out. */
        public long notReady() {
            return notReady;
        }

        /** Source transactions applied as one transaction per slot, not atomic across them. */
        public long transactionsSplit() {
            return transactionsSplit;
        }

        /** All-or-nothing commands (MSETNX) split per slot, atomic per slot only. */
        public long atomicityLost() {
            return atomicityLost;
        }
    }

    private final NodeConnector connector;
    private final Map<ClusterNode, RespConnection> connections = new HashMap<>();
    private final Counts counts = new Counts();
    private volatile SlotMap slots;
    private int sequence;

    /**
     * Reads the slot map from {@code seed} (any node) and connects to every primary at once, so that each writer
     * connection exists (and can be named in a checkpoint) before anything is written.
     */
    public SlotRoutingWriter(NodeConnector connector, ClusterNode seed) throws IOException {
        this.connector = connector;
        this.slots = readSlotMap(seed).orElseThrow(() ->
                new IOException("cluster at " + seed + " does not serve every slot (CLUSTER SLOTS has gaps)"));
        slots.primaries().forEach(this::connection);
    }

    public SlotMap slotMap() {
        return slots;
    }

    public Counts counts() {
        return counts;
    }

    /**
     * Applies source blocks in order and returns once the cluster answered every command: a block of one command is
     * sent as it is, a longer one is a source transaction.
     *
     * @throws SyncFailure ({@code TARGET_UNSUPPORTED}) before anything is sent, when a command cannot be applied to
     *                     a cluster
     * @throws IOException a lost connection (what it applied is unknown: the caller resumes from its checkpoint), or
     *                     redirections that do not settle
     */
    public Outcome write(List<List<byte[][]>> blocks) throws IOException {
        return write(blocks, null);
    }

    /**
     * As {@link #write(List)}, with every slot's shares stamped: the shares of all the call's blocks in one slot
     * (between keyless commands) become one transaction ({@code MULTI, shares..., stamp, EXEC}), whose stamp names the
     * last block it holds. A bigger transaction keeps each source transaction atomic, and a slot written by many
     * blocks still takes one round trip. Shares {@link SlotStamp#applied} are left out. Keyless commands
     * ({@code FLUSHALL}) are not stamped.
     */
    public Outcome write(List<List<byte[][]>> blocks, SlotStamp stamp) throws IOException {
        List<Item> pending = new ArrayList<>();
        if (stamp == null) {
            blocks.forEach(block -> route(block, pending));
        } else {
            routeStamped(blocks, pending, stamp);
        }
        return run(pending);
    }

    /**
     * A keyless command that also wipes {@code after}'s key ({@code FLUSHALL}) applied everywhere, with {@code after}
     * (a checkpoint) written atomically with it: first on every primary but the one owning {@code after}'s slot, then
     * there as {@code MULTI, keyless, after, EXEC}. Were that transaction redirected (the slot moved meanwhile), the
     * node passed over first gets the keyless command too. A crash in between leaves the old checkpoint, from which
     * the same command is applied again.
     */
    public Outcome writeBefore(byte[][] keyless, byte[][] after) throws IOException {
        int slot = KeySlot.of(after[1]);
        ClusterNode passedOver = slots.owner(slot);
        long redirected = counts.moved + counts.asked;
        List<Item> others = new ArrayList<>();
        for (ClusterNode primary : slots.primaries()) {
            if (!primary.equals(passedOver)) {
                others.add(new Item(sequence++, -1, primary, List.<byte[][]>of(keyless), false, false));
            }
        }
        Outcome outcome = run(others).and(run(new ArrayList<>(List.of(
                new Item(sequence++, slot, null, List.of(keyless, after), true, true)))));
        if (counts.moved + counts.asked != redirected) {
            outcome = outcome.and(run(new ArrayList<>(List.of(
                    new Item(sequence++, -1, passedOver, List.<byte[][]>of(keyless), false, false)))));
        }
        return outcome;
    }

    /** Sends until every item is answered: redirected ones again, in their order. */
    private Outcome run(List<Item> pending) throws IOException {
        List<String> rejected = new ArrayList<>();
        int[] runtimeErrors = {0};
        boolean[] permissionDenied = {false};
        int pauses = 0;
        while (!pending.isEmpty()) {
            Round result = send(pending);
            result.read(rejected, runtimeErrors, permissionDenied);
            if (!result.movedTo.isEmpty()) {
                refresh(result.movedTo);
            }
            if (result.notReady) {
                pause(pauses++);
            }
            pending = result.next;
            pending.sort(Comparator.comparingInt(item -> item.sequence));
        }
        return new Outcome(rejected, runtimeErrors[0], permissionDenied[0]);
    }

    @Override
    public void close() {
        connections.values().forEach(RespConnection::close);
        connections.clear();
    }

    /**
     * One item per slot (per primary for keyless commands), a source transaction's commands grouped per slot. A
     * keyless command inside a transaction (FLUSHALL) ends the groups before it, so it stays between the same writes.
     */
    private void route(List<byte[][]> block, List<Item> pending) {
        Map<Integer, List<byte[][]>> bySlot = new LinkedHashMap<>();
        boolean split = false;
        for (byte[][] command : block) {
            CommandRouting.Routing routing = CommandRouting.route(command);
            if (routing instanceof CommandRouting.Routing.ToEveryPrimary every) {
                split |= !bySlot.isEmpty();
                addGroups(bySlot, pending, null);
                toEveryPrimary(every.args(), pending);
            } else if (routing instanceof CommandRouting.Routing.ToSlots toSlots) {
                if (toSlots.atomicityLost()) {
                    counts.atomicityLost++;
                }
                for (CommandRouting.SlotCommand part : toSlots.parts()) {
                    if (block.size() == 1) {
                        pending.add(new Item(sequence++, part.slot(), null, List.<byte[][]>of(part.args()), false,
                                CommandRouting.mayNameSeveralKeys(part.args())));
                    } else {
                        bySlot.computeIfAbsent(part.slot(), slot -> new ArrayList<>()).add(part.args());
                    }
                }
            }
        }
        if (block.size() > 1 && (split || bySlot.size() > 1)) {
            counts.transactionsSplit++;
        }
        addGroups(bySlot, pending, null);
    }

    private void toEveryPrimary(byte[][] args, List<Item> pending) {
        for (ClusterNode primary : slots.primaries()) {
            pending.add(new Item(sequence++, -1, primary, List.<byte[][]>of(args), false, false));
        }
    }

    /**
     * One transaction per slot for the shares of all blocks up to the next keyless command (which ends the groups
     * before it, so it stays between the same writes), each ending with the slot's stamp.
     */
    private void routeStamped(List<List<byte[][]>> blocks, List<Item> pending, SlotStamp stamp) {
        Map<Integer, List<byte[][]>> bySlot = new LinkedHashMap<>();
        Map<Integer, Integer> lastBlock = new HashMap<>();
        for (int block = 0; block < blocks.size(); block++) {
            Set<Integer> slotsOfBlock = new HashSet<>();
            boolean keyless = false;
            for (byte[][] command : blocks.get(block)) {
                CommandRouting.Routing routing = CommandRouting.route(command);
                if (routing instanceof CommandRouting.Routing.ToEveryPrimary every) {
                    keyless = true;
                    addGroups(bySlot, pending, slot -> stamp.forSlot(slot, lastBlock.get(slot)));
                    toEveryPrimary(every.args(), pending);
                } else if (routing instanceof CommandRouting.Routing.ToSlots toSlots) {
                    if (toSlots.atomicityLost()) {
                        counts.atomicityLost++;
                    }
                    for (CommandRouting.SlotCommand part : toSlots.parts()) {
                        if (!stamp.applied(part.slot(), block)) {
                            bySlot.computeIfAbsent(part.slot(), slot -> new ArrayList<>()).add(part.args());
                            lastBlock.put(part.slot(), block);
                            slotsOfBlock.add(part.slot());
                        }
                    }
                }
            }
            if (blocks.get(block).size() > 1 && (slotsOfBlock.size() > 1 || keyless && !slotsOfBlock.isEmpty())) {
                counts.transactionsSplit++;
            }
        }
        addGroups(bySlot, pending, slot -> stamp.forSlot(slot, lastBlock.get(slot)));
    }

    private void addGroups(Map<Integer, List<byte[][]>> bySlot, List<Item> pending, IntFunction<byte[][]> stamp) {
        bySlot.forEach((slot, commands) -> {
            if (stamp != null) {
                commands.add(stamp.apply(slot));
            }
            pending.add(new Item(sequence++, slot, null, commands, true, true));
        });
        bySlot.clear();
    }

    /**
     * Sends what may go in this round, every node's commands pipelined; the rest waits for the next round. A keyless
     * command (FLUSHALL) goes in a round of its own, after everything before it was answered, so that no command sent
     * before it can be redirected and land after it.
     */
    private Round send(List<Item> pending) throws IOException {
        Round round = new Round();
        Set<Integer> closedSlots = new HashSet<>();
        boolean sentKeyed = false;
        boolean sentKeyless = false;
        boolean stopped = false;
        for (Item item : pending) {
            boolean keyless = item.fixedNode != null;
            stopped |= keyless ? sentKeyed : sentKeyless;
            if (stopped || !keyless && closedSlots.contains(item.slot)) {
                round.next.add(item);
                continue;
            }
            sentKeyed |= !keyless;
            sentKeyless |= keyless;
            ClusterNode node = item.askNode != null ? item.askNode
                    : item.fixedNode != null ? item.fixedNode : slots.owner(item.slot);
            round.sent.computeIfAbsent(node, n -> new ArrayList<>()).add(item);
            if (item.severalKeys) {
                closedSlots.add(item.slot);
            }
        }
        for (Map.Entry<ClusterNode, List<Item>> perNode : round.sent.entrySet()) {
            RespConnection connection = connection(perNode.getKey());
            for (Item item : perNode.getValue()) {
                item.writeTo(connection);
            }
            connection.flush();
        }
        return round;
    }

    private void refresh(Map<Integer, ClusterNode> movedTo) throws IOException {
        ClusterNode newOwner = movedTo.values().iterator().next();
        SlotMap fresh = readSlotMap(newOwner).orElse(slots);
        for (Map.Entry<Integer, ClusterNode> moved : movedTo.entrySet()) {
            fresh = fresh.withOwner(moved.getKey(), moved.getValue()); // the node's own word beats its gossip
        }
        slots = fresh;
    }

    private Optional<SlotMap> readSlotMap(ClusterNode node) throws IOException {
        Object reply = connection(node).call("CLUSTER", "SLOTS");
        if (!(reply instanceof List<?> ranges)) {
            throw new IOException(node + " answered CLUSTER SLOTS with " + reply + ": is it a cluster node?");
        }
        return SlotMap.parse(ranges, node.host());
    }

    private RespConnection connection(ClusterNode node) {
        return connections.computeIfAbsent(node, connector::open);
    }

    private void pause(int attempt) throws IOException {
        try {
            Thread.sleep(NOT_READY.delay(attempt, ThreadLocalRandom.current().nextDouble()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the cluster was not ready", e);
        }
    }

    /** The items of one round, per node in the order sent, and what to send again. */
    private final class Round {
        final Map<ClusterNode, List<Item>> sent = new LinkedHashMap<>();
        final List<Item> next = new ArrayList<>();
        final Map<Integer, ClusterNode> movedTo = new LinkedHashMap<>();
        boolean notReady;

        void read(List<String> rejected, int[] runtimeErrors, boolean[] permissionDenied) throws IOException {
            for (Map.Entry<ClusterNode, List<Item>> perNode : sent.entrySet()) {
                RespConnection connection = connection(perNode.getKey());
                for (Item item : perNode.getValue()) {
                    Object reply = item.readFrom(connection);
                    if (reply instanceof List<?> results) {
                        runtimeErrors[0] += (int) results.stream().filter(RespError.class::isInstance).count();
                    } else if (reply instanceof RespError error && !redirected(item, error, perNode.getKey())) {
                        rejected.add(item.describe() + ": " + error.message());
                        permissionDenied[0] |= error.permissionDenied();
                    }
                }
            }
        }

        /** True when {@code error} says the item was not applied and where to send it again (it is queued so). */
        private boolean redirected(Item item, RespError error, ClusterNode from) throws IOException {
            Optional<Redirect> redirect = Redirect.parse(error.message(), from.host());
            if (++item.redirects > MAX_REDIRECTS) {
                throw new IOException("the cluster still answers " + error.message() + " to " + item.describe()
                        + " after " + MAX_REDIRECTS + " attempts");
            }
            item.askNode = null;
            if (redirect.isPresent() && redirect.get().kind() == Redirect.Kind.MOVED) {
                counts.moved++;
                movedTo.put(redirect.get().slot(), redirect.get().node());
            } else if (redirect.isPresent()) {
                counts.asked++;
                item.askNode = redirect.get().node();
            } else if (error.code().equals("TRYAGAIN") || error.code().equals("CLUSTERDOWN")) {
                counts.notReady++;
                notReady = true;
            } else {
                return false;
            }
            next.add(item);
            return true;
        }
    }

    /** One command, or one slot's share of a source transaction, with where it must go if not by its slot. */
    private static final class Item {
        final int sequence;
        final int slot;
        final ClusterNode fixedNode;
        final List<byte[][]> commands;
        final boolean transaction;
        final boolean severalKeys;
        ClusterNode askNode;
        int redirects;

        Item(int sequence, int slot, ClusterNode fixedNode, List<byte[][]> commands, boolean transaction,
             boolean severalKeys) {
            this.sequence = sequence;
            this.slot = slot;
            this.fixedNode = fixedNode;
            this.commands = commands;
            this.transaction = transaction;
            this.severalKeys = severalKeys;
        }

        void writeTo(RespConnection connection) throws IOException {
            if (askNode != null) {
                connection.send(ASKING); // one-shot, but it lasts through MULTI ... EXEC
            }
            if (transaction) {
                connection.send(MULTI);
            }
            for (byte[][] command : commands) {
                connection.send(command);
            }
            if (transaction) {
                connection.send(EXEC);
            }
        }

        /**
         * The item's outcome: a command's reply, or for a transaction EXEC's (a list of results), or the first error
         * that made the node discard it (a redirection while queueing wins over the EXECABORT it causes).
         */
        Object readFrom(RespConnection connection) throws IOException {
            if (askNode != null) {
                connection.readReply();
            }
            if (!transaction) {
                return connection.readReply();
            }
            RespError queueError = connection.readReply() instanceof RespError multiRefused ? multiRefused : null;
            for (int i = 0; i < commands.size(); i++) {
                if (connection.readReply() instanceof RespError error && queueError == null) {
                    queueError = error;
                }
            }
            Object exec = connection.readReply();
            return queueError != null && exec instanceof RespError ? queueError : exec;
        }

        String describe() {
            byte[][] first = commands.get(0);
            String name = CommandRouting.name(first);
            String key = first.length > 1 ? " '" + abbreviate(new String(first[1], StandardCharsets.UTF_8)) + "'" : "";
            return (transaction ? "a transaction of " + commands.size() + " commands starting with " : "") + name + key;
        }

        private static String abbreviate(String key) {
            return key.length() > 80 ? key.substring(0, 80) + "..." : key;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
