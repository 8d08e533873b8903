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
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
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
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.sync.shard.ShardedSyncRunner;
import dev.redismigrate.testkit.RedisCluster;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The container's run against real Redis servers with the real engine, the task in memory and the state machine's
 * side recorded: what it answers on finish, cancel and failure, and that it stops without undoing anything when the
 * state no longer waits for it; and one container per shard of a cluster source, finishing together. (Module
 * statemachine runs it inside the real workflow.)
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
    /** A thread per container: the common pool may have one thread on a small machine, and shards run side by side. */
    private final ExecutorService containers = Executors.newCachedThreadPool();
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

    @AfterEach
    void stopContainers() {
        containers.shutdownNow();
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

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void oneContainerPerShardOfAClusterSourceFinishTogetherWithEqualData() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        fill(cluster, "base:", 300);
        List<SyncShard> shards = shardsOf(cluster);
        MigrationTask task = lockedSyncingTask(RedisEndpoint.of(cluster.nodes().get(0).host(), cluster.nodes().get(0).port()),
                shards);
        List<FinishGate.Verdict> verdicts = Collections.synchronizedList(new ArrayList<>());
        FinishGate totalInSync = (t, drained) -> {
            FinishGate.Verdict verdict = drained.inSync() && keys(drained) == sourceKeys(cluster)
                    ? FinishGate.Verdict.passed(keys(drained) + " keys on both sides")
                    : new FinishGate.Verdict(false, "not in sync: " + keys(drained) + " keys");
            verdicts.add(verdict);
            return verdict;
        };
        Map<SyncShard, RecordingCallback> callbacks = new LinkedHashMap<>();
        Map<SyncShard, CompletableFuture<SyncContainer.Ending>> endings = new LinkedHashMap<>();
        for (SyncShard shard : shards) {
            callbacks.put(shard, new RecordingCallback());
            endings.put(shard, start(task, shard, totalInSync, callbacks.get(shard)));
        }
        await(() -> {
            MigrationTask now = store.find(task.id()).orElseThrow();
            return now.syncProgress().size() == 3 && now.syncProgress().values().stream()
                    .allMatch(p -> p.phase() == SyncPhase.INCREMENTAL && p.checkpointAt() != null);
        });
        fill(cluster, "late:", 30);
        new RequestStop(store, clock).finish(task.id(), false);

        for (SyncShard shard : shards) {
            assertThat(endings.get(shard).get(60, TimeUnit.SECONDS)).as(shard.id()).isEqualTo(SyncContainer.Ending.FINISHED);
            assertThat(callbacks.get(shard).calls).as(shard.id()).last().isEqualTo("succeed");
            assertThat(lease.take(shard.syncKey(task.id()), "run-3", Duration.ofSeconds(1))).as("given up").isTrue();
        }
        assertThat(verdicts).as("the first shard's gate, once for the task").singleElement()
                .satisfies(verdict -> assertThat(verdict.pass()).isTrue());
        MigrationTask after = store.find(task.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(TaskStatus.FINISHING);
        assertThat(after.progress().keysApplied()).as("the shards' total").isGreaterThanOrEqualTo(300);
        try (Jedis t = target.client()) {
            assertThat(t.keys(CheckpointKey.INTERNAL_PREFIX + "*")).isEmpty();
            assertThat(t.dbSize()).isEqualTo(330);
            for (RedisServer primary : cluster.primaries()) {
                try (Jedis source = primary.client()) {
                    for (String key : source.keys("*")) {
                        assertThat(t.get(key)).as(key).isEqualTo(source.get(key));
                    }
                }
            }
        }
    }

    // ---- helpers ----

    /** What the Validate and Lock steps leave: SYNCING, target locked. */
    private MigrationTask lockedSyncingTask() {
        return lockedSyncingTask(RedisEndpoint.of(source.host(), source.port()), List.of(SyncShard.WHOLE));
    }

    private MigrationTask lockedSyncingTask(RedisEndpoint sourceEndpoint, List<SyncShard> syncs) {
        MigrationTask task = store.create(MigrationTask.create("orders", SourceSpec.of(sourceEndpoint),
                TargetSpec.of(RedisEndpoint.of(target.host(), target.port())), null, List.of(), clock.instant()));
        store.update(task.id(), t -> t.withValidation(new ValidationReport(clock.instant(), List.of(), null, null, syncs),
                clock.instant()));
        for (TaskStatus next : List.of(TaskStatus.VALIDATED, TaskStatus.VALIDATING, TaskStatus.SYNCING)) {
            store.update(task.id(), t -> t.moveTo(next, clock.instant()));
        }
        services.lockTarget().lock(task.id());
        return store.find(task.id()).orElseThrow();
    }

    private CompletableFuture<SyncContainer.Ending> start(MigrationTask task) throws Exception {
        return start(task, SyncShard.WHOLE, FinishGate.none(), callback);
    }

    /** A container of {@code shard} with the engine the image runs, in a thread of its own. */
    private CompletableFuture<SyncContainer.Ending> start(MigrationTask task, SyncShard shard, FinishGate gate,
                                                          TaskCallback answers) throws Exception {
        Path spoolDir = Files.createDirectories(spool.resolve(task.id() + (shard.whole() ? "" : "-" + shard.id())));
        SyncRunner engine = new ShardedSyncRunner(services.secrets(), SyncSettings.defaults().withSpoolDir(spoolDir)
                .withGiveUpAfter(Duration.ofSeconds(10)));
        SyncContainer container = new SyncContainer(services, new LeaseKeeper(lease, leaseTiming), engine, gate,
                answers, Duration.ofMillis(100), new SyncMetrics(System.out, "test", Clock.systemUTC(), Duration.ofSeconds(1)));
        return CompletableFuture.supplyAsync(() -> container.run(task.id(), shard, RUN), containers);
    }

    /** The cluster's shards as Validate lists them: each primary's slot range as testkit assigns it, id its first. */
    private static List<SyncShard> shardsOf(RedisCluster cluster) {
        List<SyncShard> shards = new ArrayList<>();
        List<RedisServer> primaries = cluster.primaries();
        for (int i = 0; i < primaries.size(); i++) {
            String range = RedisCluster.SLOTS * i / primaries.size() + "-" + (RedisCluster.SLOTS * (i + 1) / primaries.size() - 1);
            RedisServer primary = cluster.ownerOfSlot(RedisCluster.SLOTS * i / primaries.size());
            shards.add(new SyncShard(range, primary.host() + ":" + primary.port(), range));
        }
        return shards;
    }

    /** {@code count} keys written to the primaries that own them. */
    private static void fill(RedisCluster cluster, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            try (Jedis owner = cluster.ownerOf(key).client()) {
                owner.set(key, "v" + i);
            }
        }
    }

    private static long sourceKeys(RedisCluster cluster) {
        return cluster.primaries().stream().mapToLong(primary -> {
            try (Jedis jedis = primary.client()) {
                return jedis.dbSize();
            }
        }).sum();
    }

    private static long keys(Progress progress) {
        return progress.sourceKeys().values().stream().mapToLong(DbKeyCount::keys).sum();
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
