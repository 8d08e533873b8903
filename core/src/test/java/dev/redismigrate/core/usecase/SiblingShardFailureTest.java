package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ShardFailure;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shard whose sync fails marks the task, and its siblings' syncs stop on the mark without undoing anything; each
 * sync's engine is stood in for by one that asks the control as the real one does and stops on its thread's interrupt.
 */
@Timeout(30)
class SiblingShardFailureTest {
    private static final Instant NOW = Instant.parse("2026-12-06T22:00:00Z");
    private static final SyncShard A = new SyncShard("0-8191", "10.0.0.1:7000", "0-8191");
    private static final SyncShard B = new SyncShard("8192-16383", "10.0.0.2:7000", "8192-16383");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    /** Looks every few milliseconds, for up to about ten seconds. */
    private final StopSiblings stopSiblings = new StopSiblings(store, clock,
            new Retry(new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)), 500, Retry.Sleeper.REAL));
    private final AskingEngine engine = new AskingEngine();
    private MigrationTask task;

    @BeforeEach
    void syncingTaskWithTwoShards() {
        task = syncing(List.of(A, B));
    }

    @Test
    void aSiblingsFailureStopsTheShardsSyncWithoutACancel() throws Exception {
        CompletableFuture<SyncRunner.Result> running = CompletableFuture.supplyAsync(
                () -> new RunSync(store, engine, FinishGate.none(), clock).run(task.id(), B, task.target().endpoint(),
                        progress -> { }));
        assertThat(engine.asked.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(stopSiblings.afterFailureOf(task.id(), A)).as("B stopped before A answers").isTrue();

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SiblingShardFailedException.class).hasMessageContaining("shard 0-8191 failed");
        assertThat(engine.sawCancel).as("nothing undone: the checkpoint stays").isFalse();
        MigrationTask marked = store.find(task.id()).orElseThrow();
        assertThat(marked.desired()).isEqualTo(DesiredState.RUN);
        assertThat(marked.shardFailure().stopped()).containsExactly(B.id());
    }

    @Test
    void aSiblingThatNeverStopsIsWaitedForOnlyUntilTheBound() {
        StopSiblings impatient = new StopSiblings(store, clock,
                new Retry(new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), 3, pause -> { }));

        assertThat(impatient.afterFailureOf(task.id(), A)).isFalse();
        assertThat(store.find(task.id()).orElseThrow().shardFailure().shard()).isEqualTo(A.id());
    }

    @Test
    void theFailedShardsOwnMarkDoesNotStopIt() {
        store.update(task.id(), t -> t.withShardFailure(ShardFailure.of(A, NOW)));

        assertThat(new RunSync(store, engine.askingOnce(), FinishGate.none(), clock)
                .run(task.id(), A, task.target().endpoint(), progress -> { }).stoppedBy()).isEqualTo(DesiredState.RUN);
    }

    @Test
    void theFirstFailureIsKeptAndAResumeClearsIt() {
        StopSiblings impatient = new StopSiblings(store, clock,
                new Retry(new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), 1, pause -> { }));
        impatient.afterFailureOf(task.id(), A);
        impatient.afterFailureOf(task.id(), B);
        assertThat(store.find(task.id()).orElseThrow().shardFailure().shard()).isEqualTo(A.id());

        MigrationTask resumed = store.update(task.id(), t -> t.failed("shard failed", NOW).resume(NOW));

        assertThat(resumed.shardFailure()).isNull();
    }

    @Test
    void aTaskSyncedWholeIsNotMarked() {
        MigrationTask whole = syncing(List.of(SyncShard.WHOLE));

        assertThat(stopSiblings.afterFailureOf(whole.id(), SyncShard.WHOLE)).isTrue();
        assertThat(store.find(whole.id()).orElseThrow().shardFailure()).isNull();
    }

    private MigrationTask syncing(List<SyncShard> syncs) {
        MigrationTask created = store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 7000)),
                TargetSpec.of(RedisEndpoint.of("dst", 6379)), null, List.of(), NOW));
        store.update(created.id(), t -> t.withValidation(new ValidationReport(NOW, List.of(), null, null, syncs), NOW));
        for (TaskStatus next : List.of(TaskStatus.VALIDATED, TaskStatus.VALIDATING, TaskStatus.SYNCING)) {
            store.update(created.id(), t -> t.moveTo(next, NOW));
        }
        return store.find(created.id()).orElseThrow();
    }

    /** Asks the control what to do every few milliseconds, as the engine does once a second, until interrupted. */
    private static final class AskingEngine implements SyncRunner {
        final CountDownLatch asked = new CountDownLatch(1);
        final AtomicBoolean once = new AtomicBoolean();
        volatile boolean sawCancel;

        AskingEngine askingOnce() {
            once.set(true);
            return this;
        }

        @Override
        public Result run(Request request, Control control, Consumer<Progress> progress) {
            try {
                do {
                    sawCancel |= control.desired() == DesiredState.CANCEL;
                    asked.countDown();
                    Thread.sleep(5);
                } while (!once.get());
                return new Result(DesiredState.RUN, new TaskSummary(0, 0, 0, Map.of(), Map.of()));
            } catch (InterruptedException e) {
                throw new SyncFailedException("sync interrupted", e);
            }
        }
    }
}
