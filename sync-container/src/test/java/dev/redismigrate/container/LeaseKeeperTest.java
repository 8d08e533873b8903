package dev.redismigrate.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.port.SyncLease;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.InMemorySyncLease;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Taking, keeping and losing the sync lease, with short times and the lease in memory. */
@Timeout(30)
class LeaseKeeperTest {
    private static final Duration TTL = Duration.ofMillis(1500);
    private static final LeaseKeeper.Timing TIMING = new LeaseKeeper.Timing(TTL, Duration.ofMillis(100), Duration.ofMillis(600),
            new Retry(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), 30, Retry.Sleeper.REAL));

    private final InMemorySyncLease lease = new InMemorySyncLease(Clock.systemUTC());
    private final LeaseKeeper keeper = new LeaseKeeper(lease, TIMING);

    @Test
    void aNewRunWaitsUntilTheEarlierOneGaveTheLeaseUp() throws Exception {
        LeaseKeeper.Held earlier = keeper.take("task-1", "run-1", Thread.currentThread());
        Thread releaser = new Thread(() -> {
            sleep(300);
            earlier.close();
        });
        releaser.start();

        long started = System.nanoTime();
        try (LeaseKeeper.Held later = keeper.take("task-1", "run-2", Thread.currentThread())) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            later.ensureHeld();
            assertThat(lease.take("task-1", "run-1", TTL)).as("run-2 holds it").isFalse();
        }
        releaser.join();
        assertThat(lease.take("task-1", "run-3", TTL)).as("given up at the end").isTrue();
    }

    @Test
    void aHolderStoppedFromOutsideStillGivesTheLeaseUpAndStaysInterrupted() {
        SyncLease refusingWhenInterrupted = new SyncLease() {
            @Override
            public boolean take(String taskId, String runId, Duration ttl) {
                return lease.take(taskId, runId, ttl);
            }

            @Override
            public boolean renew(String taskId, String runId, Duration ttl) {
                return lease.renew(taskId, runId, ttl);
            }

            @Override
            public void release(String taskId, String runId) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("Thread was interrupted (as the SDK's AbortedException)");
                }
                lease.release(taskId, runId);
            }
        };
        LeaseKeeper.Held held = new LeaseKeeper(refusingWhenInterrupted, TIMING).take("task-1", "run-1", Thread.currentThread());
        Thread.currentThread().interrupt();
        held.close();

        assertThat(Thread.interrupted()).as("still interrupted, and the flag cleared for the next test").isTrue();
        assertThat(lease.take("task-1", "run-2", TTL)).as("given up").isTrue();
    }

    @Test
    void aHolderThatKeepsRenewingIsNeverJoinedAndTheWaitIsBounded() throws Exception {
        LeaseKeeper patient = new LeaseKeeper(lease, new LeaseKeeper.Timing(TTL, Duration.ofMillis(100), Duration.ofMillis(600),
                new Retry(new Backoff(Duration.ofMillis(50), Duration.ofMillis(100)), 5, Retry.Sleeper.REAL)));
        try (LeaseKeeper.Held holder = keeper.take("task-1", "run-1", new Thread(() -> { }))) {
            assertThatThrownBy(() -> patient.take("task-1", "run-2", Thread.currentThread()))
                    .isInstanceOf(LeaseKeeper.LeaseHeldException.class)
                    .hasMessageStartingWith("the sync container of an earlier run of task task-1 still held the task");
            holder.ensureHeld();
        }
    }

    @Test
    void aHolderCutOffFromTheLeaseStopsItsSyncBeforeTheLeaseEnds() throws Exception {
        SyncLease unreachable = new SyncLease() {
            @Override
            public boolean take(String taskId, String runId, Duration ttl) {
                return lease.take(taskId, runId, ttl);
            }

            @Override
            public boolean renew(String taskId, String runId, Duration ttl) {
                throw new IllegalStateException("Unable to execute HTTP request: connect timed out");
            }

            @Override
            public void release(String taskId, String runId) {
                throw new AssertionError("a holder that lost the lease does not give it up");
            }
        };
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread sync = syncUntilInterrupted(interrupted);
        long started = System.nanoTime();
        try (LeaseKeeper.Held held = new LeaseKeeper(unreachable, TIMING).take("task-1", "run-1", sync)) {
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the sync was interrupted").isTrue();
            Duration after = Duration.ofNanos(System.nanoTime() - started);
            assertThat(after).isGreaterThanOrEqualTo(TIMING.giveUpAfter()).isLessThan(TTL);
            assertThatThrownBy(held::ensureHeld).isInstanceOf(LeaseKeeper.LeaseLostException.class)
                    .hasMessageContaining("was not renewed");
        }
    }

    @Test
    void aHolderWhoseLeaseAnotherRunTookStopsItsSync() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread sync = syncUntilInterrupted(interrupted);
        try (LeaseKeeper.Held held = keeper.take("task-1", "run-1", sync)) {
            lease.release("task-1", "run-1");
            assertThat(lease.take("task-1", "run-2", TTL)).isTrue();

            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(held::ensureHeld).hasMessageContaining("a later run holds the task now");
        }
        assertThat(lease.take("task-1", "run-3", TTL)).as("run-1's end did not give up run-2's lease").isFalse();
    }

    /** A stand-in for the sync's thread: runs until it is interrupted, then counts {@code interrupted} down. */
    private static Thread syncUntilInterrupted(CountDownLatch interrupted) {
        Thread sync = new Thread(() -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        sync.setDaemon(true);
        sync.start();
        return sync;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
