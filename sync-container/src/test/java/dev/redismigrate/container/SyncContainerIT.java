package dev.redismigrate.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.TaskCallback;
import dev.redismigrate.aws.execution.TaskTokenCallback;
import dev.redismigrate.aws.execution.TaskTokenExpiredException;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.Executions;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.InMemorySyncLease;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.sync.ReplicationSyncRunner;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The container's run against real Redis servers with the real engine, the task in memory and the state machine's
 * side recorded: what it answers on finish, cancel and failure, and that it stops without undoing anything when the
 * state no longer waits for it. (Module statemachine runs it inside the real workflow.)
 */
@Timeout(60)
class SyncContainerIT {
    private static final String RUN = "run-2";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    private final Clock clock = Clock.systemUTC();
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final CloudServices services = new CloudServices(new CloudServices.Ports(store, new InMemoryTargetClaim(),
            new LocalSecretResolver(), new LocalCloudChecks(), unused(), (name, reason) -> 0, clock));
    private final RecordingCallback callback = new RecordingCallback();
    private final InMemorySyncLease lease = new InMemorySyncLease(clock);
    /** A new run waits about a second for an earlier holder. */
    private final LeaseKeeper.Timing leaseTiming = new LeaseKeeper.Timing(Duration.ofSeconds(2), Duration.ofMillis(200),
            Duration.ofSeconds(1), new Retry(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), 8, Retry.Sleeper.REAL));
    private RedisServer source;
    private RedisServer target;

    @BeforeEach
    void servers() {
        source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0"));
        target = redis.start(RedisVersion.SYSTEM);
        try (Jedis jedis = source.client()) {
            for (int i = 0; i < 100; i++) {
                jedis.set("key:" + i, "v" + i);
            }
        }
    }

    @Test
    void finishesHeartbeatingAndAnswersSuccessOnce() throws Exception {
        MigrationTask task = lockedSyncingTask();
        CompletableFuture<SyncContainer.Ending> ending = start(task);
        awaitIncremental(task);
        try (Jedis jedis = source.client()) {
            jedis.set("late", "1");
        }
        new RequestStop(store, clock).finish(task.id(), false);

        assertThat(ending.get(30, TimeUnit.SECONDS)).isEqualTo(SyncContainer.Ending.FINISHED);
        assertThat(callback.calls).first().isEqualTo("heartbeat");
        assertThat(callback.calls).filteredOn("heartbeat"::equals).hasSizeGreaterThan(1);
        assertThat(callback.calls).last().isEqualTo("succeed");
        assertThat(callback.calls).filteredOn(c -> !c.equals("heartbeat")).hasSize(1);
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.FINISHING);
        assertThat(lease.take(task.id(), "run-3", Duration.ofSeconds(1))).as("the lease was given up").isTrue();
        try (Jedis jedis = target.client()) {
            assertThat(jedis.dbSize()).isEqualTo(101);
            assertThat(jedis.get("late")).isEqualTo("1");
        }
    }

    @Test
    void aCancelIsAFailureNamedCancelled() throws Exception {
        MigrationTask task = lockedSyncingTask();
        CompletableFuture<SyncContainer.Ending> ending = start(task);
        awaitIncremental(task);
        new RequestStop(store, clock).cancel(task.id());

        assertThat(ending.get(30, TimeUnit.SECONDS)).isEqualTo(SyncContainer.Ending.CANCELLED);
        assertThat(callback.calls).last().isEqualTo("fail " + TaskTokenCallback.CANCELLED + ": cancelled by a person");
    }

    @Test
    void aSupersededContainerStopsAndUndoesNothing() throws Exception {
        MigrationTask task = lockedSyncingTask();
        CompletableFuture<SyncContainer.Ending> ending = start(task);
        awaitIncremental(task);
        callback.expired = true;

        assertThat(ending.get(30, TimeUnit.SECONDS)).isEqualTo(SyncContainer.Ending.SUPERSEDED);
        assertThat(callback.calls).allMatch("heartbeat"::equals);
        MigrationTask after = store.find(task.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(TaskStatus.SYNCING);
        assertThat(after.lock()).as("still locked for the successor").isNotNull();
        try (Jedis jedis = target.client()) {
            assertThat(jedis.exists(CheckpointKey.forTask(task.id()))).as("the checkpoint the successor resumes from").isTrue();
        }
    }

    @Test
    void aContainerStartedAfterItsStateGaveUpTouchesNothing() throws Exception {
        MigrationTask task = lockedSyncingTask();
        callback.expired = true;

        assertThat(start(task).get(30, TimeUnit.SECONDS)).isEqualTo(SyncContainer.Ending.SUPERSEDED);
        assertThat(store.find(task.id()).orElseThrow().progress()).as("the sync never ran").isNull();
    }

    @Test
    void aContainerWhoseEarlierRunStillHoldsTheTaskTouchesNothingAndFailsTheRunSayingSo() throws Exception {
        MigrationTask task = lockedSyncingTask();
        assertThat(lease.take(task.id(), "run-1", Duration.ofMinutes(1))).isTrue();

        assertThat(start(task).get(30, TimeUnit.SECONDS)).isEqualTo(SyncContainer.Ending.FAILED);
        assertThat(callback.calls).last().asString().startsWith("fail " + TaskTokenCallback.SYNC_FAILED
                + ": the sync container of an earlier run of task " + task.id() + " still held the task");
        assertThat(store.find(task.id()).orElseThrow().progress()).as("the sync never ran").isNull();
        try (Jedis jedis = target.client()) {
            assertThat(jedis.dbSize()).isZero();
        }
    }

    @Test
    void aContainerStartsOnceTheEarlierRunGaveTheTaskUp() throws Exception {
        MigrationTask task = lockedSyncingTask();
        assertThat(lease.take(task.id(), "run-1", Duration.ofMinutes(1))).isTrue();
        CompletableFuture<SyncContainer.Ending> ending = start(task);
        Thread.sleep(300);
        assertThat(store.find(task.id()).orElseThrow().progress()).as("waiting for the lease").isNull();
        lease.release(task.id(), "run-1");

        awaitIncremental(task);
        new RequestStop(store, clock).finish(task.id(), false);
        assertThat(ending.get(30, TimeUnit.SECONDS)).isEqualTo(SyncContainer.Ending.FINISHED);
    }

    @Test
    void aTaskThatIsNotSyncingFailsTheSyncWithTheReason() throws Exception {
        MigrationTask task = lockedSyncingTask();
        store.update(task.id(), t -> t.moveTo(TaskStatus.FAILED, clock.instant()));

        assertThat(start(task).get(30, TimeUnit.SECONDS)).isEqualTo(SyncContainer.Ending.FAILED);
        assertThat(callback.calls).last().asString().startsWith("fail " + TaskTokenCallback.SYNC_FAILED + ": task " + task.id()
                + " is FAILED, not SYNCING");
    }

    // ---- helpers ----

    /** What the Validate and Lock steps leave: SYNCING, target locked. */
    private MigrationTask lockedSyncingTask() {
        MigrationTask task = store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of(source.host(), source.port())),
                TargetSpec.of(RedisEndpoint.of(target.host(), target.port())), null, List.of(), clock.instant()));
        for (TaskStatus next : List.of(TaskStatus.VALIDATED, TaskStatus.VALIDATING, TaskStatus.SYNCING)) {
            store.update(task.id(), t -> t.moveTo(next, clock.instant()));
        }
        services.lockTarget().lock(task.id());
        return store.find(task.id()).orElseThrow();
    }

    private CompletableFuture<SyncContainer.Ending> start(MigrationTask task) throws Exception {
        SyncRunner engine = new ReplicationSyncRunner(services.secrets(), SyncSettings.defaults()
                .withSpoolDir(Files.createDirectories(spool.resolve(task.id()))).withGiveUpAfter(Duration.ofSeconds(10)));
        SyncContainer container = new SyncContainer(services, new LeaseKeeper(lease, leaseTiming), engine, FinishGate.none(),
                callback, Duration.ofMillis(100), new SyncMetrics(System.out, "test", Clock.systemUTC(), Duration.ofSeconds(1)));
        return CompletableFuture.supplyAsync(() -> container.run(task.id(), SyncShard.WHOLE, RUN));
    }

    private void awaitIncremental(MigrationTask task) throws InterruptedException {
        await(() -> {
            MigrationTask now = store.find(task.id()).orElseThrow();
            return now.progress() != null && now.progress().phase() == SyncPhase.INCREMENTAL && now.progress().checkpointAt() != null;
        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met in time").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static Executions unused() {
        return new Executions() {
            @Override
            public void start(String name, String taskId, Instant waitUntil) {
                throw new AssertionError("the container starts no execution");
            }

            @Override
            public void schedule(String name, String taskId, Instant at) {
                throw new AssertionError("the container schedules nothing");
            }

            @Override
            public void stop(String name, String cause) {
                throw new AssertionError("the container stops no execution");
            }
        };
    }

    /** The state machine's side: calls in order; {@code expired} makes every call refused as a timed-out token. */
    private static final class RecordingCallback implements TaskCallback {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        volatile boolean expired;

        @Override
        public void heartbeat() {
            answer("heartbeat");
        }

        @Override
        public void succeed(SyncRunner.Result result) {
            answer("succeed");
        }

        @Override
        public void fail(String error, String cause) {
            answer("fail " + error + ": " + cause);
        }

        private void answer(String call) {
            if (expired) {
                throw new TaskTokenExpiredException("TaskTimedOut", null);
            }
            calls.add(call);
        }
    }
}
