package dev.redismigrate.core.usecase;

import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ShardFailure;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;
import java.time.Duration;

/**
 * A shard's sync failed in a task with several syncs (one sync container per shard): before its container answers the
 * failure, on which the state machine's Map fails and the cleanup (RestoreParameters, Unlock) runs, the shard marks
 * the task ({@link ShardFailure}; the first failure is kept) and waits, for a bounded time, until each sibling's sync
 * has stopped on the mark ({@link RunSync} notes it). A sibling that stopped otherwise (a dead container, or one that
 * had finished) is not waited for beyond the bound. A task synced whole has no siblings and is left as it is.
 */
public final class StopSiblings {
    /** The siblings read the task once a second: 15 looks over 10 to 15 seconds are plenty, and bounded. */
    private static final Retry WAITING = new Retry(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)), 15,
            Retry.Sleeper.REAL);

    private final TaskStore store;
    private final Clock clock;
    private final Retry waiting;

    public StopSiblings(TaskStore store, Clock clock) {
        this(store, clock, WAITING);
    }

    StopSiblings(TaskStore store, Clock clock, Retry waiting) {
        this.store = store;
        this.clock = clock;
        this.waiting = waiting;
    }

    /** Marks the failure of {@code shard} and returns whether every sibling stopped on it in time. */
    public boolean afterFailureOf(String taskId, SyncShard shard) {
        MigrationTask marked = store.update(taskId, t -> shard.whole() || t.syncs().size() < 2 || t.shardFailure() != null
                ? t : t.withShardFailure(ShardFailure.of(shard, clock.instant())));
        if (marked.shardFailure() == null) {
            return true;
        }
        try {
            waiting.run(SiblingsRunning.class::isInstance, () -> {
                MigrationTask task = store.find(taskId).orElseThrow();
                if (task.shardFailure() != null && !task.shardFailure().allStopped(task.syncs(), shard)) {
                    throw new SiblingsRunning();
                }
            });
            return true;
        } catch (SiblingsRunning e) {
            return false;
        }
    }

    private static final class SiblingsRunning extends RuntimeException {
        SiblingsRunning() {
            super("a sibling shard still syncs", null, false, false);
        }
    }
}
