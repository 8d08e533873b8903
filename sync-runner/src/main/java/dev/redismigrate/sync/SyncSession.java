package dev.redismigrate.sync;

import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.sync.entry.EntryQueue;
import dev.redismigrate.sync.entry.SnapshotBegin;
import dev.redismigrate.sync.entry.SnapshotEnd;
import dev.redismigrate.sync.entry.SnapshotWrite;
import dev.redismigrate.sync.snapshot.SnapshotReader;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.spool.SnapshotSpool;
import dev.redismigrate.sync.spool.Spool;
import dev.redismigrate.sync.spool.StreamSpool;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.stream.CommandStreamReader;
import dev.redismigrate.sync.ttl.PushedExpiries;
import dev.redismigrate.sync.writer.Checkpoint;
import dev.redismigrate.sync.writer.EntryWriter;
import dev.redismigrate.sync.writer.SyncTarget;
import dev.redismigrate.sync.writer.TargetFacts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected attempt of a sync: from the checkpoint on the target (or from nothing) to a stop or a failure. Wires
 * the threads of the pipeline:
 * <pre>
 *   link:    source socket --> spool (snapshot file, stream segments)          [never waits for the target]
 *   reader:  spool --> snapshot visitor / command parser --> bounded queue
 *   writer:  queue --> pipelined batches --> target;  replies --> applied offset, checkpoint
 *   acks:    REPLCONF ACK &lt;applied offset&gt; to the source every second
 * </pre>
 * A lost link on either side ends the session with a failure; the runner starts a new one, which resumes from the
 * checkpoint the target holds. Reconnecting and restarting after a crash are the same path. The session reads through
 * a {@link SyncSource} and writes through a {@link SyncTarget}, whatever kind of server each is.
 */
final class SyncSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncSession.class);

    private final String taskId;
    private final SyncState state;
    private final SyncSettings settings;
    private final SyncSource.Connector sources;
    private final SyncTarget.Connector targets;
    private final Spool spool;
    private final boolean resumed;
    private final EntryQueue queue;
    private final List<Thread> threads = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "source-acks"));
    private volatile Throwable failure;
    private volatile boolean closing;
    private SyncTarget target;
    private EntryWriter writer;
    private SyncSource link;
    private StreamSpool stream;
    private SnapshotSpool snapshot;
    private TargetFacts targetFacts;
    private PushedExpiries pushed;
    private Thread restorer;

    /** @param resumed an earlier run of the task may have written to the target (see {@code SyncRunner.Request}) */
    SyncSession(String taskId, SyncState state, SyncSettings settings, SyncSource.Connector sources,
                SyncTarget.Connector targets, Spool spool, boolean resumed) {
        this.taskId = taskId;
        this.resumed = resumed;
        this.state = state;
        this.settings = settings;
        this.sources = sources;
        this.targets = targets;
        this.spool = spool;
        this.queue = new EntryQueue(settings.queueBytes());
    }

    /** Connects both sides, asks the source where to start, and starts the pipeline threads. */
    void start() throws IOException {
        state.phase = SyncPhase.CONNECTING;
        target = register(targets.connect(taskId));
        SyncTarget.Found found = target.open();
        targetFacts = found.facts();
        String targetRunId = found.runId();
        String previousRunId = state.targetRunId;
        state.targetRunId = targetRunId;
        Optional<Checkpoint> checkpoint = found.checkpoint();
        Optional<String> lost = checkpoint.isPresent() ? Optional.empty() : lostCheckpoint(previousRunId, targetRunId);
        state.checkpointWritten |= checkpoint.isPresent();
        link = register(sources.connect());
        boolean canContinue = checkpoint.isPresent() && checkpoint.get().state() == Checkpoint.State.STREAM
                && checkpoint.get().replId() != null && !checkpoint.get().replId().isEmpty();
        SyncSource.Start start = canContinue
                ? link.start(checkpoint.get().replId(), checkpoint.get().offset())
                : link.start(null, -1);
        spool.reset();
        state.replId = start.replId();
        state.baseOffset = start.offset();
        state.receivedOffset = start.offset();
        stream = spool.newStream(start.offset());
        if (start.full()) {
            Optional<String> why = lost.isPresent() ? lost : checkpoint.map(c -> resyncReason(c, start));
            why.ifPresent(reason -> state.event(SyncState.RESYNC, reason
                    + ": the target is flushed and the snapshot applied again"));
            startFullSync(start, why.isPresent());
        } else {
            Checkpoint from = checkpoint.orElseThrow();
            state.event(SyncState.RESUME, resumeReason(from, start.replId(), targetRunId));
            if (from.writtenAtMs() > 0) {
                state.checkpointAt = Instant.ofEpochMilli(from.writtenAtMs());
            }
            state.appliedOffset = from.offset();
            state.durableOffset = from.offset();
            state.guardingTtls = from.ttlsPushed();
            state.ttlsRestored = !from.ttlsPushed();
            state.phase = SyncPhase.INCREMENTAL;
            startThread("source-link", () -> link.pumpStream(stream, this::received));
            startThread("stream-reader", () -> new CommandStreamReader(stream.reader(from.offset()), from.offset(),
                    from.db()).run(queue::put));
            startWriter(start.replId());
        }
        acks.scheduleAtFixedRate(this::ack, 1, 1, TimeUnit.SECONDS);
    }

    /** Why the target holds no checkpoint although it should; empty when it never had one (a first start). */
    private Optional<String> lostCheckpoint(String previousRunId, String targetRunId) {
        if (state.checkpointWritten) {
            return Optional.of(previousRunId != null && !previousRunId.equals(targetRunId)
                    ? "the target restarted (new run_id) without the checkpoint: it lost its data (no persistence)"
                    : "the checkpoint vanished from the target (flushed or deleted while the sync ran)");
        }
        if (resumed) {
            return Optional.of("the target holds no checkpoint of this task although an earlier run synced into it"
                    + " (it restarted without persistence, was flushed, or that run stopped before its first write)");
        }
        return Optional.empty();
    }

    /** Why the source answered a checkpoint with a full resync. */
    private static String resyncReason(Checkpoint checkpoint, SyncSource.Start start) {
        if (checkpoint.state() == Checkpoint.State.SNAPSHOT) {
            return "an earlier attempt stopped during the snapshot";
        }
        if (checkpoint.replId() == null || checkpoint.replId().isEmpty()) {
            return "the source cannot continue a stream (no PSYNC before Redis 2.8)";
        }
        if (checkpoint.replId().equals(start.replId())) {
            return "offset " + checkpoint.offset() + " is no longer in the source's backlog (more was written since"
                    + " the checkpoint than repl-backlog-size holds)";
        }
        return "the source's replication id changed (it restarted, or another node took over) and it cannot continue"
                + " from offset " + checkpoint.offset() + " of " + checkpoint.replId();
    }

    private static String resumeReason(Checkpoint from, String replId, String targetRunId) {
        StringBuilder reason = new StringBuilder("continuing from offset ").append(from.offset())
                .append(" of replication id ").append(replId);
        if (from.writtenAtMs() > 0) {
            long age = Math.max(0, System.currentTimeMillis() - from.writtenAtMs());
            reason.append(String.format(Locale.ROOT, " (checkpoint written %.1f s before)", age / 1000.0));
        }
        if (from.targetRestartedSince(targetRunId)) {
            reason.append("; the target restarted since and kept its data");
        }
        return reason.toString();
    }

    private void startFullSync(SyncSource.Start start, boolean flushTarget) throws IOException {
        state.phase = SyncPhase.FULL_SYNC;
        state.fullSyncStartedAt = Instant.now();
        state.appliedOffset = -1;
        state.guardingTtls = true;
        state.ttlsRestored = false;
        snapshot = spool.newSnapshot();
        pushed = register(new PushedExpiries(spool.newKeyLog("pushed-expiries")));
        startThread("source-link", () -> {
            link.receiveSnapshot(snapshot);
            state.snapshotBytesTotal = snapshot.expectedSize();
            LOG.info("snapshot of {} bytes received", snapshot.received());
            link.pumpStream(stream, this::received);
        });
        SnapshotReader reader = new SnapshotReader(targetFacts.rdbVersion(), settings.bigKeyBytes(),
                System::currentTimeMillis);
        startThread("snapshot-reader", () -> {
            queue.put(new SnapshotBegin(flushTarget, start.replId(), start.offset()));
            long bytes;
            try (var in = snapshot.reader()) {
                bytes = reader.read(in, (db, command, keys) -> {
                    pushed.written(db, command, System.currentTimeMillis());
                    try {
                        queue.put(new SnapshotWrite(db, command, reader.position(), keys));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("stopped");
                    }
                });
            }
            queue.put(new SnapshotEnd(bytes));
            snapshot.delete();
            new CommandStreamReader(stream.reader(start.offset()), start.offset(), 0).run(queue::put);
        });
        startWriter(start.replId());
    }

    private void startWriter(String replId) {
        writer = target.writer(queue, state, replId, new EntryWriter.Listener() {
            @Override
            public void checkpointed(long offset) {
                stream.release(offset);
            }

            @Override
            public void ackRequested(long offset) {
                sendAck(offset);
            }

            @Override
            public void writtenWhileGuarding(int db, byte[][] command) throws IOException {
                if (pushed != null) {
                    pushed.written(db, command, System.currentTimeMillis());
                }
            }
        });
        startThread("target-writer", writer::run);
    }

    private void received(long offset) {
        state.receivedOffset = offset;
        state.receiveClock.received(offset, System.currentTimeMillis());
    }

    /** Snapshot bytes received so far (the spool knows, the link does not count). */
    void refreshSnapshotCounters() {
        SnapshotSpool s = snapshot;
        if (s != null) {
            state.snapshotBytesReceived = s.received();
            if (state.snapshotBytesTotal < 0 && s.expectedSize() >= 0) {
                state.snapshotBytesTotal = s.expectedSize();
            }
        }
    }

    /**
     * The TTL gap repair, once the stream has caught up: stop pushing expiries, wait until the last guarded write is
     * applied, then restore the real expiries on a connection of its own.
     */
    void restoreTtlsOnceCaughtUp(long lagBytes) {
        if (restorer != null || state.ttlsRestored || lagBytes != 0 || state.appliedOffset < 0) {
            return;
        }
        state.guardingTtls = false;
        long guardedUpTo = state.receivedOffset;
        restorer = startThread("ttl-restorer", () -> {
            while (state.appliedOffset < guardedUpTo) {
                Thread.sleep(20);
            }
            long fixed = target.restoreTtls(pushed);
            if (fixed > 0) {
                state.event("ttl-restored", fixed + " keys written with a guarded expiry got the source's expiry back");
            }
            state.ttlsRestored = true;
            state.changed();
        });
    }

    /** Throws the first failure of any pipeline thread. */
    void checkHealthy() throws Throwable {
        Throwable t = failure;
        if (t != null) {
            throw t;
        }
    }

    /**
     * Stops the pipeline; with {@code graceful}, first lets the writer take what is queued and waits (bounded) until
     * the target has answered every write sent.
     */
    void stop(boolean graceful) {
        closing = true;
        if (graceful && writer != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!queue.isEmpty() && System.nanoTime() < deadline && failure == null) {
                sleep(10);
            }
        }
        if (writer != null) {
            writer.stop();
            if (graceful) {
                awaitAnswered();
            }
        }
        close();
    }

    private void awaitAnswered() {
        try {
            if (!writer.awaitAnswered(Duration.ofSeconds(10))) {
                LOG.warn("the target did not answer the last writes within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ack() {
        long offset = state.appliedOffset >= 0 ? state.appliedOffset : state.baseOffset;
        sendAck(offset);
    }

    private void sendAck(long offset) {
        try {
            if (link != null && offset >= 0) {
                link.ack(offset);
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private Thread startThread(String name, Body body) {
        Thread thread = daemon(() -> {
            try {
                body.run();
            } catch (InterruptedException | InterruptedIOException e) {
                if (!closing) {
                    fail(e);
                }
            } catch (Throwable e) {
                if (!closing) {
                    fail(e);
                }
            }
        }, name + "-" + taskId);
        threads.add(thread);
        thread.start();
        return thread;
    }

    private void fail(Throwable e) {
        if (failure == null && !closing) {
            failure = e;
            LOG.debug("sync session failed", e);
            state.changed();
        }
    }

    private <T extends AutoCloseable> T register(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        closing = true;
        acks.shutdownNow();
        if (writer != null) {
            writer.stop();
        }
        if (stream != null) {
            stream.abandon();
        }
        if (snapshot != null) {
            snapshot.abandon();
        }
        queue.clear();
        threads.forEach(Thread::interrupt);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        spool.deleteAll();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
