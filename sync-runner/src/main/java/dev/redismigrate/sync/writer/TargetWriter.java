package dev.redismigrate.sync.writer;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.sync.entry.Entry;
import dev.redismigrate.sync.entry.EntryQueue;
import dev.redismigrate.sync.entry.SnapshotBegin;
import dev.redismigrate.sync.entry.SnapshotEnd;
import dev.redismigrate.sync.entry.SnapshotWrite;
import dev.redismigrate.sync.entry.StreamBlock;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.resp.RespError;
import dev.redismigrate.sync.status.SyncState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies entries to a standalone target, pipelined: this thread writes batches while a second thread reads the
 * replies, so parsing, sending and the target's work overlap. Nothing counts as applied before the target answered.
 *
 * <p>Command-stream batches are {@code MULTI, <commands>, SELECT 0, HSET <checkpoint>, EXEC}: the checkpoint
 * (replication id, offset, selected database) becomes durable atomically with exactly the writes it covers, and a
 * source transaction is never split. A restarted sync reads the checkpoint and asks the source for the bytes after
 * it: every command is applied exactly once.
 */
public final class TargetWriter implements EntryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TargetWriter.class);
    private static final int MAX_BATCH_COMMANDS = 1000;
    private static final long MAX_BATCH_BYTES = 1 << 20;
    private static final int MAX_BATCHES_IN_FLIGHT = 16;
    /** Blocks without writes (the source's PINGs) move the checkpoint at most this often: its age stays meaningful. */
    private static final long IDLE_CHECKPOINT_EVERY_MS = 1000;
    private static final byte[] MULTI = ascii("MULTI");
    private static final byte[] EXEC = ascii("EXEC");
    private static final byte[] SELECT = ascii("SELECT");

    private final RespConnection target;
    private final TargetFacts facts;
    private final EntryQueue queue;
    private final SyncState state;
    private final Listener listener;
    private final byte[] checkpointKey;
    private final long clientId;
    private final String targetRunId;
    private final ResyncScope resyncScope;
    private final BlockingQueue<Batch> inFlight = new ArrayBlockingQueue<>(MAX_BATCHES_IN_FLIGHT);
    private volatile boolean stopped;
    private final CountDownLatch sending = new CountDownLatch(1);
    private volatile Throwable failure;
    private Thread replyThread;
    private int connectionDb = -1;
    private Batch open;
    private String replId;
    private long lastCheckpointMs;
    /** Batches handed to the reply thread (counted by this thread), and how many of them it has completed. */
    private long sentBatches;
    private final Object answers = new Object();
    private long answeredBatches;

    /**
     * @param clientId the target's id of this writer's connection and {@code targetRunId} the target's run id, both
     *                 written into every checkpoint (see {@link Checkpoint})
     * @param resyncScope what a resync's {@code SnapshotBegin} empties first
     */
    public TargetWriter(RespConnection target, TargetFacts facts, EntryQueue queue, SyncState state, Listener listener,
                        String taskId, String replId, long clientId, String targetRunId, ResyncScope resyncScope) {
        this.resyncScope = resyncScope;
        this.clientId = clientId;
        this.targetRunId = targetRunId;
        this.target = target;
        this.facts = facts;
        this.queue = queue;
        this.state = state;
        this.listener = listener;
        this.checkpointKey = ascii(CheckpointKey.forTask(taskId));
        this.replId = replId;
    }

    @Override
    public void run() throws Exception {
        replyThread = new Thread(this::readReplies, "target-replies");
        replyThread.setDaemon(true);
        replyThread.start();
        try {
            while (!stopped) {
                checkFailure();
                Entry entry = queue.poll(100, TimeUnit.MILLISECONDS);
                if (entry == null) {
                    send();
                    continue;
                }
                apply(entry);
                if (queue.isEmpty() || open != null && open.full()) {
                    send();
                }
            }
        } finally {
            stopped = true;
            sending.countDown(); // the reply thread ends once every batch sent is answered, or the socket closes
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public boolean awaitAnswered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!sending.await(timeout.toNanos(), TimeUnit.NANOSECONDS) || replyThread == null) {
            return false;
        }
        replyThread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        return !replyThread.isAlive();
    }

    private void apply(Entry entry) throws Exception {
        if (entry instanceof SnapshotBegin begin) {
            send();
            replId = begin.replId();
            Batch batch = batch(false);
            if (begin.flushTarget()) {
                for (byte[][] command : resyncScope.clear(facts)) {
                    batch.add(command);
                }
            }
            selectInto(batch, CheckpointKey.DB);
            batch.add(checkpoint(begin.offset(), 0, Checkpoint.State.SNAPSHOT, true));
            batch.checkpoint = true;
            send();
        } else if (entry instanceof SnapshotWrite write) {
            if (open != null && open.transaction) {
                send();
            }
            Batch batch = batch(false);
            if (write.db() >= 0) {
                selectInto(batch, write.db());
            }
            batch.add(write.command());
            batch.rdbPosition = write.rdbPosition();
            batch.keys += write.keysCompleted();
        } else if (entry instanceof SnapshotEnd end) {
            send();
            Batch batch = batch(false);
            selectInto(batch, CheckpointKey.DB);
            batch.add(checkpoint(state.baseOffset, 0, Checkpoint.State.STREAM, true));
            batch.rdbPosition = end.rdbBytes();
            batch.endOffset = state.baseOffset;
            batch.checkpoint = true;
            batch.snapshotDone = true;
            send();
        } else if (entry instanceof StreamBlock block) {
            applyBlock(block);
        }
    }

    private void applyBlock(StreamBlock source) throws Exception {
        StreamBlock block = flushedWithinScope(source);
        if (block.commands().isEmpty()) {
            // nothing to write: the offset rides along with the open batch, or passes in order on its own (with a
            // checkpoint now and then, so an idle source does not leave the checkpoint behind)
            Batch batch = open != null ? open
                    : batch(System.currentTimeMillis() - lastCheckpointMs >= IDLE_CHECKPOINT_EVERY_MS);
            batch.endOffset = block.endOffset();
            batch.dbAfter = block.dbAfter();
            batch.ackRequested |= block.ackRequested();
            return;
        }
        if (open != null && !open.transaction) {
            send();
        }
        Batch batch = open != null ? open : batch(true);
        boolean guard = state.guardingTtls;
        long now = System.currentTimeMillis();
        long issuedAt = state.receiveClock.receivedAtMs(block.endOffset(), now);
        for (StreamBlock.DbCommand command : block.commands()) {
            selectInto(batch, command.db());
            batch.add(StreamRewrite.forTarget(command, issuedAt, facts, guard, now, listener));
            if (isSwapDb(command.args())) {
                dropSwappedCheckpoint(batch, command);
            }
        }
        batch.streamCommands += block.commands().size();
        batch.endOffset = block.endOffset();
        batch.dbAfter = block.dbAfter();
        batch.ackRequested |= block.ackRequested();
    }

    /**
     * A source that owns only a part of the target (one shard of a cluster) flushing its data ({@code FLUSHALL},
     * {@code FLUSHDB}: on a cluster node, its own shard) must not empty the whole target. What was sent before is
     * applied first, then the scope is cleared (as a resync clears it) and the block goes on with what follows its last
     * flush (what came before it in the block is flushed anyway).
     */
    private StreamBlock flushedWithinScope(StreamBlock block) throws Exception {
        if (resyncScope == ResyncScope.WHOLE_TARGET) {
            return block; // forwarded verbatim: the source owns everything
        }
        int lastFlush = -1;
        for (int i = 0; i < block.commands().size(); i++) {
            if (isFlush(block.commands().get(i).args())) {
                lastFlush = i;
            }
        }
        if (lastFlush < 0) {
            return block;
        }
        send();
        awaitSent();
        for (byte[][] command : resyncScope.clear(facts)) {
            batch(false).add(command);
        }
        lastCheckpointMs = 0; // the scope's checkpoint went with its keys: the next block writes it again at once
        LOG.info("the source flushed its data at offset {}: its part of the target was erased", block.endOffset());
        return new StreamBlock(block.commands().subList(lastFlush + 1, block.commands().size()), block.dbAfter(),
                block.endOffset(), block.ackRequested());
    }

    /** Waits until the target has answered every batch sent so far. */
    private void awaitSent() throws Exception {
        synchronized (answers) {
            while (answeredBatches < sentBatches && !stopped) {
                checkFailure();
                answers.wait(100);
            }
        }
    }

    /** SWAPDB moves our checkpoint key with db 0; the copy left in the other database is removed. */
    private void dropSwappedCheckpoint(Batch batch, StreamBlock.DbCommand command) {
        int a = Integer.parseInt(new String(command.args()[1], StandardCharsets.US_ASCII));
        int b = Integer.parseInt(new String(command.args()[2], StandardCharsets.US_ASCII));
        if (a == CheckpointKey.DB || b == CheckpointKey.DB) {
            selectInto(batch, a == CheckpointKey.DB ? b : a);
            batch.add(ascii("DEL"), checkpointKey);
        }
    }

    private byte[][] checkpoint(long offset, int db, Checkpoint.State checkpointState, boolean ttlsPushed) {
        lastCheckpointMs = System.currentTimeMillis();
        return new Checkpoint(replId, offset, db, checkpointState, ttlsPushed, clientId, targetRunId, lastCheckpointMs)
                .hsetArgs(checkpointKey);
    }

    private Batch batch(boolean transaction) {
        if (open == null) {
            open = new Batch(transaction);
            if (transaction) {
                open.add(MULTI);
            }
        }
        return open;
    }

    private void selectInto(Batch batch, int db) {
        if (connectionDb != db) {
            batch.add(SELECT, ascii(Integer.toString(db)));
            connectionDb = db;
        }
    }

    /** Closes the open batch (adding checkpoint and EXEC to a transaction), writes it and hands it to the reader. */
    private void send() throws Exception {
        Batch batch = open;
        if (batch == null) {
            return;
        }
        open = null;
        if (batch.transaction) {
            selectInto(batch, CheckpointKey.DB);
            boolean ttlsPushed = state.guardingTtls || !state.ttlsRestored;
            batch.add(checkpoint(batch.endOffset, batch.dbAfter, Checkpoint.State.STREAM, ttlsPushed));
            batch.add(EXEC);
            batch.checkpoint = true;
        }
        for (byte[][] command : batch.commands) {
            target.send(command);
        }
        target.flush();
        batch.release();
        while (!inFlight.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            checkFailure();
            if (stopped && !replyThread.isAlive()) {
                return;
            }
        }
        sentBatches++;
    }

    private void readReplies() {
        try {
            while (sending.getCount() > 0 || !inFlight.isEmpty()) {
                Batch batch = inFlight.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                for (int i = 0; i < batch.replies; i++) {
                    check(batch, i, target.readReply());
                }
                complete(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            if (!stopped) {
                failure = e;
            }
        }
    }

    private void check(Batch batch, int index, Object reply) throws IOException {
        if (reply instanceof RespError error) {
            String command = batch.describe(index);
            // refused when queued: the same command fails again after a reconnect
            SyncFailure.Kind kind = error.permissionDenied() ? SyncFailure.Kind.PERMISSION_DENIED
                    : SyncFailure.Kind.COMMAND_REJECTED;
            String what = batch.transaction && index > 0 ? command + " of the source's stream" : command;
            throw new SyncFailure(SyncFailure.Side.TARGET, kind, "target rejected " + what + ": " + error.message());
        }
        if (batch.transaction && index == batch.replies - 1 && reply instanceof List<?> results) {
            // runtime errors inside EXEC: the source applied the command, the target could not (diverged data)
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof RespError error) {
                    state.commandErrors.incrementAndGet();
                    LOG.warn("target failed {} from the source's stream: {}", batch.describe(i + 1), error.message());
                }
            }
        } else if (batch.transaction && index == batch.replies - 1) {
            throw new IOException("target discarded a transaction of the source's stream");
        }
    }

    private void complete(Batch batch) {
        synchronized (answers) {
            answeredBatches++;
            answers.notifyAll();
        }
        if (batch.keys > 0) {
            state.keysApplied.addAndGet(batch.keys);
        }
        if (batch.rdbPosition >= 0) {
            state.snapshotBytesApplied = batch.rdbPosition;
        }
        state.commandsApplied.addAndGet(batch.streamCommands);
        if (batch.snapshotDone) {
            state.phase = SyncPhase.INCREMENTAL;
            state.changed();
        }
        if (batch.checkpoint) {
            state.checkpointWritten = true;
        }
        if (batch.endOffset >= 0) {
            state.appliedOffset = batch.endOffset;
            if (batch.checkpoint) {
                state.durableOffset = batch.endOffset;
                state.checkpointAt = Instant.now();
                listener.checkpointed(batch.endOffset);
            }
            if (batch.ackRequested) {
                listener.ackRequested(batch.endOffset);
            }
        }
    }

    private void checkFailure() throws Exception {
        Throwable t = failure;
        if (t instanceof Exception e) {
            throw e;
        }
        if (t != null) {
            throw new IOException(t);
        }
    }

    /** Commands sent together; their replies are read together. */
    private static final class Batch {
        final boolean transaction;
        List<byte[][]> commands = new ArrayList<>();
        final List<byte[][]> heads = new ArrayList<>();
        int replies;
        long bytes;
        long rdbPosition = -1;
        long endOffset = -1;
        int dbAfter;
        int keys;
        int streamCommands;
        boolean checkpoint;
        boolean snapshotDone;
        boolean ackRequested;

        Batch(boolean transaction) {
            this.transaction = transaction;
        }

        void add(byte[]... command) {
            commands.add(command);
            heads.add(command.length > 1 ? new byte[][] {command[0], command[1]} : new byte[][] {command[0]});
            replies++;
            for (byte[] arg : command) {
                bytes += arg.length;
            }
        }

        boolean full() {
            return replies >= MAX_BATCH_COMMANDS || bytes >= MAX_BATCH_BYTES;
        }

        /** Payloads are on the wire; only names and keys stay for error messages. */
        void release() {
            commands = null;
        }

        String describe(int index) {
            byte[][] head = heads.get(index);
            String name = new String(head[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
            if (head.length < 2 || name.equals("SELECT") || name.equals("HSET") && index == heads.size() - 2) {
                return name;
            }
            String key = new String(head[1], StandardCharsets.UTF_8);
            return name + " '" + (key.length() > 80 ? key.substring(0, 80) + "..." : key) + "'";
        }
    }

    private static boolean isFlush(byte[][] args) {
        String name = new String(args[0], StandardCharsets.US_ASCII);
        return name.equalsIgnoreCase("FLUSHALL") || name.equalsIgnoreCase("FLUSHDB");
    }

    private static boolean isSwapDb(byte[][] args) {
        return args.length == 3 && new String(args[0], StandardCharsets.US_ASCII).equalsIgnoreCase("SWAPDB");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
