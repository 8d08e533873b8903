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
import dev.redismigrate.core.task.FinishBarrier;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * A new run waits about a second for an earlier holder; a holder gives up after 5 s without a renewal (a loaded
     * machine may pause threads for a second, which must not stop a container).
     */
    private final LeaseKeeper.Timing leaseTiming = new LeaseKeeper.Timing(Duration.ofSeconds(10), Duration.ofMillis(200),
            Duration.ofSeconds(5), new Retry(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), 8, Retry.Sleeper.REAL));
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
        ShardContainers shards = new ShardContainers(redis.cluster(RedisVersion.V7_0, 3, 0));
        shards.finishAfterLateWrites();

        shards.all().forEach(shards::assertFinished);
        shards.assertOneVerdictAndEqualData();
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void theOthersWaitForAShardWhoseContainerStartsAgainMidFinishAndAllFinishTogether() throws Exception {
        ShardContainers shards = new ShardContainers(redis.cluster(RedisVersion.V7_0, 3, 0));
        SyncShard restarted = shards.all().get(2);
        shards.running.get(restarted).interrupt();
        assertThat(shards.endings.get(restarted).get(30, TimeUnit.SECONDS)).isEqualTo(SyncContainer.Ending.STOPPED);
        shards.finishAfterLateWrites();

        List<SyncShard> others = shards.all().subList(0, 2);
        await(() -> {
            FinishBarrier barrier = store.find(shards.task.id()).orElseThrow().finishBarrier();
            return barrier != null && barrier.allDrained(others);
        });
        Thread.sleep(1_000); // a second more of their barrier: they keep syncing
        assertThat(others).allSatisfy(shard -> assertThat(shards.endings.get(shard)).isNotDone());
        assertThat(shards.verdicts).isEmpty();

        shards.start(restarted);
        shards.all().forEach(shards::assertFinished);
        shards.assertOneVerdictAndEqualData();
    }

    /**
     * A task over a cluster source whose shards each run in a container of their own, as the RunSync Map runs them,
     * started and streaming; its gate, like a verification, passes only when the target holds as many keys as the source's primaries, and
     * when it is asked with the total of the three shards' progress.
     */
    private final class ShardContainers {
        final RedisCluster cluster;
        final MigrationTask task;
        final List<FinishGate.Verdict> verdicts = Collections.synchronizedList(new ArrayList<>());
        final Map<SyncShard, RecordingCallback> callbacks = new ConcurrentHashMap<>();
        final Map<SyncShard, CompletableFuture<SyncContainer.Ending>> endings = new ConcurrentHashMap<>();
        final Map<SyncShard, Thread> running = new ConcurrentHashMap<>();
        private final FinishGate totalInSync = (t, total) -> {
            long source = sourceKeys();
            long copied = targetKeys();
            FinishGate.Verdict verdict = copied == source && keys(total) == source
                    ? FinishGate.Verdict.passed(source + " keys on both sides")
                    : new FinishGate.Verdict(false, source + " keys on the source, " + copied + " on the target, "
                    + keys(total) + " in the shards' total");
            verdicts.add(verdict);
            return verdict;
        };

        ShardContainers(RedisCluster cluster) {
            this.cluster = cluster;
            fill(cluster, "base:", 300);
            RedisServer seed = cluster.nodes().get(0);
            this.task = lockedSyncingTask(RedisEndpoint.of(seed.host(), seed.port()), shardsOf(cluster));
            all().forEach(this::start);
            awaitIncremental();
        }

        List<SyncShard> all() {
            return task.syncs();
        }

        void start(SyncShard shard) {
            callbacks.put(shard, new RecordingCallback());
            try {
                SyncContainer container = container(task, shard, totalInSync, callbacks.get(shard));
                endings.put(shard, CompletableFuture.supplyAsync(() -> {
                    running.put(shard, Thread.currentThread());
                    return container.run(task.id(), shard, RUN);
                }, containers));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void awaitIncremental() {
            try {
                await(() -> {
                    MigrationTask now = store.find(task.id()).orElseThrow();
                    return all().stream().map(now::progressOf).allMatch(p -> p != null
                            && p.phase() == SyncPhase.INCREMENTAL && p.checkpointAt() != null);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        /** 30 keys more, then a person's finish. */
        void finishAfterLateWrites() {
            fill(cluster, "late:", 30);
            new RequestStop(store, clock).finish(task.id(), false);
        }

        void assertFinished(SyncShard shard) {
            try {
                assertThat(endings.get(shard).get(60, TimeUnit.SECONDS)).as(shard.id()).isEqualTo(SyncContainer.Ending.FINISHED);
            } catch (Exception e) {
                throw new AssertionError("shard " + shard.id() + " did not finish; the gate said " + verdicts, e);
            }
            assertThat(callbacks.get(shard).calls).as(shard.id()).last().isEqualTo("succeed");
            assertThat(lease.take(shard.syncKey(task.id()), "run-3", Duration.ofSeconds(1))).as("given up").isTrue();
        }

        void assertOneVerdictAndEqualData() {
            assertThat(verdicts).as("the first shard's gate, once for the task").singleElement()
                    .satisfies(verdict -> assertThat(verdict.pass()).isTrue());
            MigrationTask after = store.find(task.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(TaskStatus.FINISHING);
            assertThat(after.syncProgress()).hasSize(3);
            assertThat(after.progress().phase()).as("the shards' total").isEqualTo(SyncPhase.STOPPED);
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

        private long sourceKeys() {
            return cluster.primaries().stream().mapToLong(primary -> {
                try (Jedis jedis = primary.client()) {
                    return jedis.dbSize();
                }
            }).sum();
        }

        /** The target's keys without the shards' checkpoints. */
        private long targetKeys() {
            try (Jedis t = target.client()) {
                return t.dbSize() - t.keys(CheckpointKey.INTERNAL_PREFIX + "*").size();
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
        SyncContainer container = container(task, SyncShard.WHOLE, FinishGate.none(), callback);
        return CompletableFuture.supplyAsync(() -> container.run(task.id(), SyncShard.WHOLE, RUN), containers);
    }

    /** A container of {@code shard} with the engine the image runs. */
    private SyncContainer container(MigrationTask task, SyncShard shard, FinishGate gate, TaskCallback answers)
            throws IOException {
        Path spoolDir = Files.createDirectories(spool.resolve(task.id() + (shard.whole() ? "" : "-" + shard.id())));
        SyncRunner engine = new ShardedSyncRunner(services.secrets(), SyncSettings.defaults().withSpoolDir(spoolDir)
                .withGiveUpAfter(Duration.ofSeconds(10)));
        return new SyncContainer(services, new LeaseKeeper(lease, leaseTiming), engine, beat -> gate, answers,
                Duration.ofMillis(100), new SyncMetrics(System.out, "test", Clock.systemUTC(), Duration.ofSeconds(1)));
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
