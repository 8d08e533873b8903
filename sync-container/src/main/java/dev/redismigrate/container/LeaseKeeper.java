package dev.redismigrate.container;

import dev.redismigrate.core.port.SyncLease;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's hold on its sync's {@link SyncLease} (the task's, or one shard's: its sync key): taken before the container touches the target (waiting, for a
 * bounded time, until the container of an earlier run released it or let it expire), renewed while the sync runs, and
 * given up at the end. A container that cannot renew within {@link Timing#giveUpAfter} (cut off from the table, or
 * another run holds the lease) interrupts its sync, as SIGTERM does, well before the lease ends for everyone else:
 * the margin covers the sync's shutdown and the difference between clocks.
 */
public final class LeaseKeeper {
    /** How long a lease lasts, how often it is renewed, when an unrenewed holder stops, how long a taker waits. */
    public record Timing(Duration ttl, Duration renewEvery, Duration giveUpAfter, Retry waiting) {
        /**
         * A 60 s lease renewed every 10 s; a holder that could not renew for 30 s stops. A new run waits between
         * about 65 s and 130 s (more than a lease, well under the state's 300 s heartbeat) for an earlier holder.
         */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30),
                new Retry(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(5)), 27, Retry.Sleeper.REAL));
    }

    /** An earlier run's container still held the lease when this one stopped waiting. */
    static final class LeaseHeldException extends RuntimeException {
        LeaseHeldException(String message) {
            super(message);
        }
    }

    /** This run lost the lease while it synced: another run may hold the task now. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final SyncLease lease;
    private final Timing timing;

    public LeaseKeeper(SyncLease lease, Timing timing) {
        this.lease = lease;
        this.timing = timing;
    }

    /**
     * Waits until {@code runId} holds the lease of {@code syncKey} (the task id, or {@code <task>/<shard id>}), then
     * keeps it; {@code sync} is interrupted when it is lost. Throws {@link LeaseHeldException} when an earlier run still
     * holds it after the wait.
     */
    Held take(String syncKey, String runId, Thread sync) {
        timing.waiting().run(LeaseHeldException.class::isInstance, () -> {
            if (!lease.take(syncKey, runId, timing.ttl())) {
                throw new LeaseHeldException("the sync container of an earlier run of task " + syncKey
                        + " still held the task after this one waited for it; two never sync at once. It stops at its"
                        + " next heartbeat, which its state refuses; start the task again after that");
            }
        });
        return new Held(syncKey, runId, sync);
    }

    /** The lease while this run holds it; {@link #close()} stops renewing and gives it up. */
    final class Held implements AutoCloseable {
        private final String syncKey;
        private final String runId;
        private final Thread sync;
        private final AtomicLong renewedAt = new AtomicLong(System.nanoTime());
        private final AtomicReference<String> lost = new AtomicReference<>();
        /** Two threads: a renewal that hangs on the network must not keep the watch from stopping the sync. */
        private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "sync-lease");
            thread.setDaemon(true);
            return thread;
        });

        private Held(String syncKey, String runId, Thread sync) {
            this.syncKey = syncKey;
            this.runId = runId;
            this.sync = sync;
            long every = timing.renewEvery().toMillis();
            timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(this::watch, every / 4, every / 4, TimeUnit.MILLISECONDS);
        }

        /** Throws {@link LeaseLostException} saying why when this run lost the lease (its sync was interrupted). */
        void ensureHeld() {
            String why = lost.get();
            if (why != null) {
                throw new LeaseLostException("run " + runId + " lost the sync lease: " + why);
            }
        }

        private void renew() {
            long started = System.nanoTime();
            try {
                if (lease.renew(syncKey, runId, timing.ttl())) {
                    renewedAt.set(started);
                } else {
                    lose("a later run holds the task now");
                }
            } catch (RuntimeException e) {
                LOG.warn("task {}: could not renew the sync lease ({}); trying again in {} s", syncKey, e.getMessage(),
                        timing.renewEvery().toSeconds());
            }
        }

        private void watch() {
            if (System.nanoTime() - renewedAt.get() > timing.giveUpAfter().toNanos()) {
                lose("its lease was not renewed for " + timing.giveUpAfter().toSeconds() + " s, so another run may take it");
            }
        }

        private void lose(String why) {
            if (lost.compareAndSet(null, why)) {
                LOG.warn("task {}: run {} stops syncing: {}", syncKey, runId, why);
                sync.interrupt();
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
            if (lost.get() != null) {
                return;
            }
            // A sync stopped by SIGTERM ends here with its thread interrupted, which the SDK would refuse to call with;
            // giving the lease up at once spares the next run's container the wait for it to expire.
            boolean interrupted = Thread.interrupted();
            try {
                lease.release(syncKey, runId);
            } catch (RuntimeException e) {
                LOG.warn("task {}: could not give up the sync lease ({}); it expires in {} s", syncKey, e.getMessage(),
                        timing.ttl().toSeconds());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
