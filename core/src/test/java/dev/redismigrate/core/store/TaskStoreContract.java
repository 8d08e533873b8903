package dev.redismigrate.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.FinishBarrier;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.ShardFailure;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskConflictException;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link TaskStore} must do; each store's test extends this and supplies a fresh, empty store. Shared
 * with other modules through core's test-jar (the DynamoDB store runs it against dynalite).
 */
@Timeout(60)
public abstract class TaskStoreContract {
    protected static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String PASSWORD = "s3cret-pass";
    private static final SyncShard SHARD_A = new SyncShard("0-5460", "10.0.0.1:7000", "0-5460");
    private static final SyncShard SHARD_B = new SyncShard("5461-10922", "10.0.0.2:7000", "5461-10922");
    private static final SyncShard SHARD_C = new SyncShard("10923-16383", "10.0.0.3:7000", "10923-16383");

    protected TaskStore store;

    /** A new store with no tasks in it. */
    protected abstract TaskStore newStore() throws Exception;

    /** Everything the store persisted, as text, to prove no password is in it; empty for a store in memory. */
    protected Stream<String> persistedText() throws Exception {
        return Stream.empty();
    }

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
    }

    protected static MigrationTask task(String name) {
        return task(name, NOW);
    }

    protected static MigrationTask task(String name, Instant createdAt) {
        return MigrationTask.create(name, SourceSpec.of(RedisUri.parse("redis://app:" + PASSWORD + "@src:6379")),
                TargetSpec.of(RedisUri.parse("redis://dst:6380")), null,
                List.of(ParameterSetting.requested("repl-backlog-size", "256mb")), createdAt);
    }

    @Test
    void roundTripsATaskWithoutItsPassword() throws Exception {
        MigrationTask created = store.create(task("orders"));
        MigrationTask read = store.find(created.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.name()).isEqualTo("orders");
        assertThat(read.source().endpoint().username()).isEqualTo("app");
        assertThat(read.parameters()).containsExactly(ParameterSetting.requested("repl-backlog-size", "256mb"));
        assertThat(persistedText()).isNotEmpty().noneMatch(text -> text.contains(PASSWORD));
    }

    @Test
    void createTwiceIsAConflict() {
        MigrationTask task = task("orders");
        store.create(task);
        assertThatThrownBy(() -> store.create(task)).isInstanceOf(TaskConflictException.class);
    }

    @Test
    void updateIsCompareAndSet() {
        MigrationTask v1 = store.create(task("orders"));
        MigrationTask v2 = store.update(v1.moveTo(TaskStatus.VALIDATED, NOW));
        assertThat(v2.version()).isEqualTo(2);
        assertThatThrownBy(() -> store.update(v1.moveTo(TaskStatus.VALIDATION_FAILED, NOW)))
                .isInstanceOf(TaskConflictException.class);
        assertThat(store.find(v1.id()).orElseThrow().status()).isEqualTo(TaskStatus.VALIDATED);
    }

    @Test
    void updatingAMissingTaskIsNotFound() {
        MigrationTask never = task("never-stored").atVersion(1);
        assertThatThrownBy(() -> store.update(never)).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void concurrentUpdatesOfOneVersionLetExactlyOneWin() throws Exception {
        MigrationTask v1 = store.create(task("orders"));
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String name = "writer-" + i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.update(v1.toBuilder().name(name).build());
                        return true;
                    } catch (TaskConflictException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            long winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.find(v1.id()).orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void progressIsSavedApartFromTheVersion() {
        MigrationTask v1 = store.create(task("orders"));
        store.saveProgress(v1.id(), Progress.starting(NOW));
        MigrationTask read = store.find(v1.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.progress()).isEqualTo(Progress.starting(NOW));
        store.update(read.moveTo(TaskStatus.VALIDATED, NOW));
        assertThat(store.find(v1.id()).orElseThrow().progress()).isEqualTo(Progress.starting(NOW));
    }

    @Test
    void listsNewestFirst() {
        MigrationTask older = store.create(task("older", NOW.minusSeconds(60)));
        MigrationTask newer = store.create(task("newer", NOW));
        assertThat(store.list()).extracting(MigrationTask::id).containsExactly(newer.id(), older.id());
    }

    @Test
    void resolvesByIdOrUniqueName() {
        MigrationTask a = store.create(task("orders"));
        store.create(task("twin"));
        store.create(task("twin"));
        assertThat(store.resolve(a.id()).id()).isEqualTo(a.id());
        assertThat(store.resolve("orders").id()).isEqualTo(a.id());
        assertThatThrownBy(() -> store.resolve("twin")).isInstanceOf(TaskNotFoundException.class).hasMessageContaining("several");
        assertThatThrownBy(() -> store.resolve("../../etc/passwd")).isInstanceOf(TaskNotFoundException.class);
        assertThat(store.list()).hasSize(3);
    }

    @Test
    void eachShardSavesItsOwnProgressAndTheTaskShowsTheirTotal() {
        MigrationTask v1 = store.create(task("orders"));
        MigrationTask validated = store.update(v1.withValidation(new ValidationReport(NOW, List.of(), null, null,
                List.of(SHARD_A, SHARD_B, SHARD_C)), NOW));
        store.saveProgress(v1.id(), SHARD_A, shardProgress(10, 0));
        store.saveProgress(v1.id(), SHARD_B, shardProgress(20, 5));

        MigrationTask read = store.find(v1.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(validated.version());
        assertThat(read.syncProgress()).containsOnlyKeys("0-5460", "5461-10922");
        assertThat(read.progressOf(SHARD_B)).isEqualTo(shardProgress(20, 5));
        assertThat(read.progressOf(SHARD_C)).isNull();
        assertThat(read.progress().keysApplied()).isEqualTo(30);
        assertThat(read.progress().phase()).as("shard C has not reported").isEqualTo(SyncPhase.CONNECTING);

        store.saveProgress(v1.id(), SHARD_C, shardProgress(30, 0));
        store.saveProgress(v1.id(), SHARD_B, shardProgress(25, 0));
        MigrationTask all = store.find(v1.id()).orElseThrow();
        assertThat(all.progress().keysApplied()).isEqualTo(65);
        assertThat(all.progress().phase()).isEqualTo(SyncPhase.INCREMENTAL);
        assertThat(all.progress().sourceKeys()).isEqualTo(Map.of(0, new DbKeyCount(65, 0)));
        assertThat(store.list()).singleElement().satisfies(t -> assertThat(t.progress()).isEqualTo(all.progress()));
    }

    @Test
    void aRunOfEveryShardInOneProcessShowsItsOwnTotalAndEachShard() {
        MigrationTask v1 = store.create(task("orders"));
        store.update(v1.withValidation(new ValidationReport(NOW, List.of(), null, null,
                List.of(SHARD_A, SHARD_B, SHARD_C)), NOW));
        Progress engineTotal = shardProgress(99, 7);
        store.saveProgress(v1.id(), SHARD_A, shardProgress(10, 0));
        store.saveProgress(v1.id(), SHARD_B, shardProgress(20, 5));
        store.saveProgress(v1.id(), engineTotal);

        MigrationTask read = store.find(v1.id()).orElseThrow();
        assertThat(read.progress()).as("the engine's total, with every event of its shards").isEqualTo(engineTotal);
        assertThat(read.syncProgress()).containsOnlyKeys("0-5460", "5461-10922");
        assertThat(read.progressOf(SHARD_B)).isEqualTo(shardProgress(20, 5));
    }

    @Test
    void aFinishBarrierIsKeptWithTheTaskAndEndedByANewDesiredState() {
        MigrationTask v1 = store.create(task("orders"));
        FinishBarrier barrier = FinishBarrier.open(NOW).drained(SHARD_A).drained(SHARD_B);
        store.update(v1.withDesired(DesiredState.FINISH, false, NOW).withFinishBarrier(barrier));

        MigrationTask read = store.find(v1.id()).orElseThrow();
        assertThat(read.finishBarrier()).isEqualTo(barrier);
        assertThat(read.finishBarrier().hasDrained(SHARD_C)).isFalse();
        store.update(read.withDesired(DesiredState.RUN, false, NOW));
        assertThat(store.find(v1.id()).orElseThrow().finishBarrier()).isNull();
    }

    @Test
    void aShardFailureIsKeptWithTheTaskWithTheSiblingsThatStopped() {
        MigrationTask v1 = store.create(task("orders"));
        ShardFailure failure = ShardFailure.of(SHARD_A, NOW).stopped(SHARD_B);
        store.update(v1.withShardFailure(failure));

        MigrationTask read = store.find(v1.id()).orElseThrow();
        assertThat(read.shardFailure()).isEqualTo(failure);
        assertThat(read.shardFailure().stopped()).containsExactly(SHARD_B.id());
    }

    /** A shard's report: {@code keys} applied and on its primary, {@code lag} bytes behind. */
    private static Progress shardProgress(long keys, long lag) {
        return new Progress(NOW, SyncPhase.INCREMENTAL, 100, 100, 100, 0, keys, 100, 100 - lag, lag, 0, 0,
                Map.of(0, new DbKeyCount(keys, 0)), Map.of(0, new DbKeyCount(60, 0)), "r", NOW, null, null);
    }
}
