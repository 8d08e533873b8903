package dev.redismigrate.sync.cluster;

import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.sync.entry.Entry;
import dev.redismigrate.sync.entry.EntryQueue;
import dev.redismigrate.sync.entry.SnapshotBegin;
import dev.redismigrate.sync.entry.SnapshotEnd;
import dev.redismigrate.sync.entry.SnapshotWrite;
import dev.redismigrate.sync.entry.StreamBlock;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.writer.Checkpoint;
import dev.redismigrate.sync.writer.EntryWriter;
import dev.redismigrate.sync.writer.ResyncScope;
import dev.redismigrate.sync.writer.StreamRewrite;
import dev.redismigrate.sync.writer.TargetFacts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a session's entries to a cluster through the {@link SlotRoutingWriter}, one call at a time (each returns
 * once every node answered). The snapshot goes in big unstamped calls (it is redone whole after a crash, like the
 * standalone target's). The stream goes in calls of up to {@value #STREAM_CALL_BLOCKS} blocks where each slot's
 * shares are one transaction ending with the slot's stamp, and each call is followed by the watermark at its end
 * offset (at most once a second when only the offset moves). A source {@code FLUSHALL}/{@code FLUSHDB} empties what
 * the source owns ({@link ResyncScope}): for a source owning the whole cluster it wipes the stamps and the watermark,
 * and is applied with the watermark rewritten in the same transaction on the watermark's node
 * ({@link SlotRoutingWriter#writeBefore}); for one shard of a cluster source it erases that shard's slots only
 * ({@link ClusterShardKeys}), as the shard's resync does.
 */
final class ClusterWriter implements EntryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWriter.class);
    /** Snapshot commands per call: enough for the round trips to amortise over several nodes. */
    private static final int SNAPSHOT_CALL_COMMANDS = 5000;
    private static final int STREAM_CALL_BLOCKS = 1000;
    private static final long CALL_BYTES = 8L << 20;
    private static final long IDLE_WATERMARK_EVERY_MS = 1000;
    private static final Set<String> FLUSHES = Set.of("FLUSHALL", "FLUSHDB");

    /**
     * Who writes: the checkpoint's name, the stream it continues, the target's run ids, the writer connections, and
     * what its source owns on the target (what a resync or a source flush erases).
     */
    record Identity(String name, String replId, String runId, WriterConnections writers, ResyncScope scope) {
    }

    private final SlotRoutingWriter routing;
    private final TargetFacts facts;
    private final EntryQueue queue;
    private final SyncState state;
    private final Listener listener;
    private final String name;
    private final String runId;
    private final WriterConnections writers;
    private final ResyncScope scope;
    private final ResumeStamps resume;
    /** Slots whose stamp key exists on the target, for the key count (our keys are left out of it). */
    private final BitSet stamped = new BitSet(KeySlot.SLOTS);
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<List<byte[][]>> blocks = new ArrayList<>();
    private final List<Long> blockOffsets = new ArrayList<>();
    private volatile boolean stopped;
    private boolean watermarkPresent;
    private boolean inSnapshot;
    private String replId;
    private long bytes;
    private int keys;
    private int commands;
    private long rdbPosition = -1;
    private long endOffset = -1;
    private boolean ackRequested;
    private long lastWatermarkMs;

    ClusterWriter(SlotRoutingWriter routing, TargetFacts facts, EntryQueue queue, SyncState state, Listener listener,
                  Identity identity, ResumeStamps resume, boolean watermarkPresent) {
        this.routing = routing;
        this.facts = facts;
        this.queue = queue;
        this.state = state;
        this.listener = listener;
        this.name = identity.name();
        this.replId = identity.replId();
        this.runId = identity.runId();
        this.writers = identity.writers();
        this.scope = identity.scope();
        this.resume = resume;
        this.watermarkPresent = watermarkPresent;
        for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
            stamped.set(slot, resume.present(slot));
        }
        countCheckpointKeys();
    }

    @Override
    public void run() throws Exception {
        try {
            while (!stopped) {
                Entry entry = queue.poll(100, TimeUnit.MILLISECONDS);
                if (entry == null) {
                    send();
                    continue;
                }
                apply(entry);
                if (queue.isEmpty() || full()) {
                    send();
                }
            }
        } finally {
            done.countDown();
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    /** Every call returns answered: once {@link #run()} has returned, nothing sent is unanswered. */
    @Override
    public boolean awaitAnswered(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void apply(Entry entry) throws IOException {
        if (entry instanceof SnapshotBegin begin) {
            send();
            replId = begin.replId();
            inSnapshot = true;
            boolean wholeCluster = scope == ResyncScope.WHOLE_TARGET;
            if (begin.flushTarget() && wholeCluster) {
                List<List<byte[][]>> flush = new ArrayList<>(List.of(List.<byte[][]>of(args("FLUSHALL"))));
                if (facts.hasFunctions()) {
                    // FLUSHALL keeps functions; the snapshot brings them
                    flush.add(List.<byte[][]>of(args("FUNCTION", "FLUSH")));
                }
                check(routing.write(flush));
                wiped();
            }
            watermark(begin.offset(), Checkpoint.State.SNAPSHOT, true);
            if (begin.flushTarget() && !wholeCluster) {
                // after the watermark: an attempt that dies while erasing leaves "state snapshot", and the next one
                // resyncs (and erases) again instead of continuing a stream into half-erased slots
                eraseScope();
            }
        } else if (entry instanceof SnapshotWrite write) {
            requireDb0(write.db(), write.command());
            blocks.add(List.<byte[][]>of(write.command()));
            bytes += write.weight();
            keys += write.keysCompleted();
            rdbPosition = write.rdbPosition();
        } else if (entry instanceof SnapshotEnd end) {
            send();
            inSnapshot = false;
            watermark(state.baseOffset, Checkpoint.State.STREAM, true);
            state.snapshotBytesApplied = end.rdbBytes();
            applied(state.baseOffset, true);
            state.phase = SyncPhase.INCREMENTAL;
            state.changed();
        } else if (entry instanceof StreamBlock block) {
            applyBlock(block);
        }
    }

    private void applyBlock(StreamBlock block) throws IOException {
        if (block.commands().isEmpty()) {
            endOffset = block.endOffset();
            ackRequested |= block.ackRequested();
            return;
        }
        long issuedAt = state.receiveClock.receivedAtMs(block.endOffset(), System.currentTimeMillis());
        List<byte[][]> args = new ArrayList<>(block.commands().size());
        int flushAt = -1;
        for (StreamBlock.DbCommand command : block.commands()) {
            String commandName = CommandRouting.name(command.args());
            if (!commandName.equals("FLUSHALL")) {
                requireDb0(command.db(), command.args()); // FLUSHALL is for every database, whichever is selected
            }
            flushAt = FLUSHES.contains(commandName) && flushAt < 0 ? args.size() : flushAt;
            args.add(StreamRewrite.forTarget(command, issuedAt, facts, state.guardingTtls, System.currentTimeMillis(),
                    listener));
        }
        if (flushAt >= 0) {
            send();
            endOffset = block.endOffset();
            ackRequested |= block.ackRequested();
            if (scope == ResyncScope.WHOLE_TARGET) {
                applyFlush(args, flushAt, block.endOffset());
            } else {
                applyScopedFlush(args, block.endOffset());
            }
            return;
        }
        endOffset = block.endOffset();
        ackRequested |= block.ackRequested();
        blocks.add(args);
        blockOffsets.add(block.endOffset());
        bytes += block.weight();
        commands += args.size();
    }

    /**
     * A source flush wipes every slot's stamp and the watermark. What the block has before it is applied stamped;
     * then the flush on every primary but the watermark's, then there with the watermark at the offset before this
     * block, in one transaction. A crash anywhere in between resumes before this block, whose replay flushes again
     * and so forgets which slots held what: everything after it is applied again, onto the flushed cluster.
     */
    private void applyFlush(List<byte[][]> args, int flushAt, long offset) throws IOException {
        long before = state.appliedOffset;
        if (flushAt > 0) {
            writeStamped(List.of(args.subList(0, flushAt)), List.of(offset));
        }
        check(routing.writeBefore(args.get(flushAt), watermarkArgs(before, Checkpoint.State.STREAM)));
        wiped();
        watermarkPresent = true;
        if (flushAt + 1 < args.size()) {
            writeStamped(List.of(args.subList(flushAt + 1, args.size())), List.of(offset));
        }
        state.commandsApplied.addAndGet(args.size());
        watermark(offset, Checkpoint.State.STREAM, ttlsPushed());
        applied(offset, true);
    }

    /**
     * A flush by a source that owns part of the cluster (one shard of a cluster source) erases that part only: the
     * block's commands before its last flush are applied without their flushes (a keyless one, {@code FUNCTION LOAD},
     * outlives a flush; the keys they write are erased next), then the scope is erased, then the rest of the block
     * follows, stamped, then the watermark. Until then the watermark stays before this block, so a crash anywhere
     * replays the block, whose flush erases again what the replay and the earlier attempt wrote.
     */
    private void applyScopedFlush(List<byte[][]> args, long offset) throws IOException {
        int lastFlush = -1;
        for (int i = 0; i < args.size(); i++) {
            lastFlush = FLUSHES.contains(CommandRouting.name(args.get(i))) ? i : lastFlush;
        }
        List<byte[][]> before = args.subList(0, lastFlush).stream()
                .filter(command -> !FLUSHES.contains(CommandRouting.name(command))).toList();
        if (!before.isEmpty()) {
            writeStamped(List.of(before), List.of(offset));
        }
        eraseScope();
        if (lastFlush + 1 < args.size()) {
            writeStamped(List.of(args.subList(lastFlush + 1, args.size())), List.of(offset));
        }
        state.commandsApplied.addAndGet(args.size());
        watermark(offset, Checkpoint.State.STREAM, ttlsPushed());
        applied(offset, true);
        LOG.info("the source flushed its data at offset {}: its slots were erased on the target", offset);
    }

    /** Erases what the source owns on the cluster; nothing of this session is in flight (every call is answered). */
    private void eraseScope() throws IOException {
        List<List<byte[][]>> first = scope.clear(facts).stream().map(List::<byte[][]>of).toList();
        if (!first.isEmpty()) {
            check(routing.write(first));
        }
        stamped.clear();
        resume.clear();
        countCheckpointKeys();
    }

    /** Writes what is gathered; in the stream, then the watermark (when only the offset moved, once a second). */
    private void send() throws IOException {
        if (inSnapshot) {
            if (!blocks.isEmpty()) {
                check(routing.write(blocks));
                state.keysApplied.addAndGet(keys);
                state.snapshotBytesApplied = Math.max(state.snapshotBytesApplied, rdbPosition);
            }
            clear();
            return;
        }
        boolean wrote = !blocks.isEmpty();
        if (wrote) {
            writeStamped(blocks, blockOffsets);
            state.commandsApplied.addAndGet(commands);
        }
        clear();
        if (endOffset < 0 || endOffset <= state.appliedOffset && !ackRequested) {
            return;
        }
        boolean checkpoint = wrote || System.currentTimeMillis() - lastWatermarkMs >= IDLE_WATERMARK_EVERY_MS;
        if (checkpoint) {
            watermark(endOffset, Checkpoint.State.STREAM, ttlsPushed());
        }
        applied(endOffset, checkpoint);
    }

    private void writeStamped(List<List<byte[][]>> stampedBlocks, List<Long> offsets) throws IOException {
        check(routing.write(stampedBlocks, new SlotRoutingWriter.SlotStamp() {
            @Override
            public byte[][] forSlot(int slot, int block) {
                stamped.set(slot);
                return Watermark.stamp(name, slot, replId, offsets.get(block));
            }

            @Override
            public boolean applied(int slot, int block) {
                return resume.applied(slot, offsets.get(block));
            }
        }));
        countCheckpointKeys();
    }

    private void applied(long offset, boolean checkpointed) {
        state.appliedOffset = offset;
        if (checkpointed) {
            state.durableOffset = offset;
            state.checkpointAt = Instant.now();
            listener.checkpointed(offset);
        }
        if (ackRequested) {
            listener.ackRequested(offset);
            ackRequested = false;
        }
    }

    private void watermark(long offset, Checkpoint.State checkpointState, boolean ttlsPushed) throws IOException {
        check(routing.write(List.of(List.<byte[][]>of(watermarkArgs(offset, checkpointState, ttlsPushed)))));
        watermarkPresent = true;
        state.checkpointWritten = true;
        countCheckpointKeys();
    }

    private byte[][] watermarkArgs(long offset, Checkpoint.State checkpointState) {
        return watermarkArgs(offset, checkpointState, ttlsPushed());
    }

    private byte[][] watermarkArgs(long offset, Checkpoint.State checkpointState, boolean ttlsPushed) {
        lastWatermarkMs = System.currentTimeMillis();
        return Watermark.hset(new Checkpoint(replId, offset, 0, checkpointState, ttlsPushed, -1, runId,
                lastWatermarkMs), name, writers.field());
    }

    private boolean ttlsPushed() {
        return state.guardingTtls || !state.ttlsRestored;
    }

    /** The cluster was flushed: none of our keys remain. */
    private void wiped() {
        stamped.clear();
        resume.clear();
        watermarkPresent = false;
        countCheckpointKeys();
    }

    private void countCheckpointKeys() {
        state.targetCheckpointKeys = stamped.cardinality() + (watermarkPresent ? 1 : 0);
    }

    private void check(SlotRoutingWriter.Outcome outcome) {
        if (!outcome.rejected().isEmpty()) {
            int more = outcome.rejected().size() - 1;
            throw new SyncFailure(SyncFailure.Side.TARGET, outcome.permissionDenied()
                    ? SyncFailure.Kind.PERMISSION_DENIED : SyncFailure.Kind.COMMAND_REJECTED,
                    "target rejected " + outcome.rejected().get(0) + (more > 0 ? " (and " + more + " more)" : ""));
        }
        if (outcome.runtimeErrors() > 0) {
            // runtime errors inside EXEC: the source applied the command, the target could not (diverged data)
            state.commandErrors.addAndGet(outcome.runtimeErrors());
            LOG.warn("target failed {} commands of the source's stream inside their transactions",
                    outcome.runtimeErrors());
        }
    }

    /** A cluster has database 0 only; validation refuses a source using others before anything changes. */
    private static void requireDb0(int db, byte[][] command) {
        if (db > 0) {
            throw new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.TARGET_UNSUPPORTED, "the source wrote "
                    + CommandRouting.name(command) + " to database " + db
                    + ", and a cluster has only database 0: migrate a source that uses db 0 only");
        }
    }

    private boolean full() {
        return bytes >= CALL_BYTES
                || blocks.size() >= (inSnapshot ? SNAPSHOT_CALL_COMMANDS : STREAM_CALL_BLOCKS);
    }

    private void clear() {
        blocks.clear();
        blockOffsets.clear();
        bytes = 0;
        keys = 0;
        commands = 0;
    }

    private static byte[][] args(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = ResumeStamps.ascii(args[i]);
        }
        return bytes;
    }
}
