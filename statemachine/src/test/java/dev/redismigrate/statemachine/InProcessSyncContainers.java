package dev.redismigrate.statemachine;

import dev.redismigrate.aws.AwsClients;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.SyncLauncher;
import dev.redismigrate.aws.execution.TaskCallback;
import dev.redismigrate.aws.execution.TaskTokenCallback;
import dev.redismigrate.aws.store.SyncTokens;
import dev.redismigrate.container.LeaseKeeper;
import dev.redismigrate.container.SyncContainer;
import dev.redismigrate.container.SyncMetrics;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncLease;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.InMemorySyncLease;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.usecase.VerificationFinishGate;
import dev.redismigrate.redisio.verify.JedisVerifier;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.sync.shard.ShardedSyncRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Starts sync containers as ECS would for the start-sync function, in this JVM, one per launch of a sync (the whole
 * source, or one shard of a cluster source): each launch first stops the earlier launches of that sync (ECS StopTask
 * by the sync's {@code startedBy}: their threads are interrupted, as SIGTERM does), then fetches its run's token from
 * the {@link SyncTokens} the function stored it in under the sync key (as the container's main does) and runs the real
 * {@link SyncContainer} (the sync's lease, RegrantTarget, RunSync over the engine the container's main runs,
 * ShardedSyncRunner, with sample verification before a finish, heartbeats, metrics, one answer) on its own thread
 * against the test's Redis servers, its SfnClient pointed at the local Step Functions emulation. The metric lines
 * every launch printed are kept ({@link #metricLines()}), and when each launch took its sync's lease and ended.
 */
final class InProcessSyncContainers implements SyncLauncher, AutoCloseable {
    /** Much more often than the engine reports (once a second): a heartbeat at every report. */
    private static final Duration HEARTBEAT_EVERY = Duration.ofMillis(200);
    private static final Duration METRICS_EVERY = Duration.ofMillis(500);

    enum Behaviour {
        /** Syncs until a person finishes or cancels. */
        SYNC,
        /**
         * Syncs, but once it has a checkpoint on the target its heartbeats are lost (a network partition) until a
         * successor runs: the state times out and the retry starts a container that resumes the same task.
         */
        CUT_OFF,
        /**
         * Once it has a checkpoint, cut off for good (a partitioned host): its heartbeats and lease renewals are lost
         * and a stop request does not reach it. Only its lease stops it.
         */
        CUT_OFF_ENTIRELY,
        /**
         * Syncs, and once it has a checkpoint its sync gives up (a lost source link): the engine is stopped as SIGTERM
         * stops it, and the run fails as the engine's would.
         */
        FAIL
    }

    record Launch(String taskId, SyncShard shard, String runId, String token, Behaviour behaviour) {
        String syncKey() {
            return shard.syncKey(taskId);
        }
    }

    /** A lease of 3 s renewed every 300 ms; a holder stops after 1.5 s unrenewed; a new run waits up to about 5 s. */
    private static final LeaseKeeper.Timing LEASE_TIMING = new LeaseKeeper.Timing(Duration.ofSeconds(3),
            Duration.ofMillis(300), Duration.ofMillis(1500),
            new Retry(new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)), 20, Retry.Sleeper.REAL));

    private final CloudServices services;
    private final SyncTokens tokens;
    private final Supplier<URI> stepFunctions;
    private final ByteArrayOutputStream metricOutput = new ByteArrayOutputStream();
    private final PrintStream metricStream = new PrintStream(metricOutput, true, StandardCharsets.UTF_8);
    private final Deque<Behaviour> script;
    private final List<Launch> launches = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, SyncContainer.Ending> endings = new ConcurrentHashMap<>();
    private final Map<Integer, Long> endedAt = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> endedOn = new ConcurrentHashMap<>();
    private final Map<String, Long> leaseTakenAt = new ConcurrentHashMap<>();
    private final SyncLease lease = new InMemorySyncLease(Clock.systemUTC());
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    private final List<Path> spoolDirs = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param stepFunctions where the local execution answers task tokens (known once it has called a function)
     * @param script the behaviour of the first, second, ... launch; later launches sync
     */
    InProcessSyncContainers(CloudServices services, SyncTokens tokens, Supplier<URI> stepFunctions, Behaviour... script) {
        this.services = services;
        this.tokens = tokens;
        this.stepFunctions = stepFunctions;
        this.script = new ArrayDeque<>(List.of(script));
    }

    List<Launch> launches() {
        synchronized (launches) {
            return List.copyOf(launches);
        }
    }

    /** How the {@code index}-th launch ended, once it has. */
    Optional<SyncContainer.Ending> ending(int index) {
        return Optional.ofNullable(endings.get(index));
    }

    /** When ({@link System#nanoTime()}) the {@code index}-th launch ended, once it has. */
    Optional<Long> endedAt(int index) {
        return Optional.ofNullable(endedAt.get(index));
    }

    /** When, by the wall clock (to compare with the execution's events), the {@code index}-th launch ended. */
    Optional<Instant> endedOn(int index) {
        return Optional.ofNullable(endedOn.get(index));
    }

    /** When ({@link System#nanoTime()}) the {@code index}-th launch first held its sync's lease, once it has. */
    Optional<Long> leaseTakenAt(int index) {
        return Optional.ofNullable(leaseTakenAt.get(launches().get(index).runId()));
    }

    /** Every EMF line the launches printed, in order. */
    List<String> metricLines() {
        return metricOutput.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public synchronized void launch(String taskId, SyncShard shard, String runId) {
        String token = tokens.token(shard.syncKey(taskId), runId)
                .orElseThrow(() -> new AssertionError("no token stored for run " + runId + " of " + shard.syncKey(taskId)));
        Behaviour behaviour = script.isEmpty() ? Behaviour.SYNC : script.poll();
        int index = launches.size();
        Launch launch = new Launch(taskId, shard, runId, token, behaviour);
        stopEarlier(launch.syncKey());
        launches.add(launch);
        Path spool = spoolDir();
        URI endpoint = stepFunctions.get();
        Thread thread = new Thread(() -> {
            try (SfnClient sfn = AwsClients.of(Region.US_EAST_1, endpoint,
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build(SfnClient.builder())) {
                TaskCallback callback = new TaskTokenCallback(sfn, token);
                SyncLease leaseSeen = new RecordingLease();
                if (behaviour == Behaviour.CUT_OFF || behaviour == Behaviour.CUT_OFF_ENTIRELY) {
                    callback = new CutOff(callback, taskId, index, behaviour);
                    if (behaviour == Behaviour.CUT_OFF_ENTIRELY) {
                        leaseSeen = new CutOffLease(leaseSeen, taskId);
                    }
                }
                SyncRunner engine = new ShardedSyncRunner(services.secrets(),
                        SyncSettings.defaults().withSpoolDir(spool).withGiveUpAfter(Duration.ofSeconds(20)));
                if (behaviour == Behaviour.FAIL) {
                    engine = new FailingOnceCheckpointed(engine);
                }
                SyncContainer container = new SyncContainer(services, new LeaseKeeper(leaseSeen, LEASE_TIMING), engine,
                        beat -> VerificationFinishGate.forMode("sample", new JedisVerifier(services.secrets()),
                                step -> beat.run()), callback,
                        HEARTBEAT_EVERY, new SyncMetrics(metricStream, "local", Clock.systemUTC(), METRICS_EVERY));
                endings.put(index, container.run(taskId, shard, runId));
                endedAt.put(index, System.nanoTime());
                endedOn.put(index, Instant.now());
            }
        }, "sync-container-" + index + "-" + launch.syncKey());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        List<Thread> running;
        synchronized (threads) {
            running = List.copyOf(threads);
        }
        for (Thread thread : running) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10).toMillis());
        }
        spoolDirs.forEach(InProcessSyncContainers::delete);
    }

    /** ECS StopTask on every earlier container of the sync: SIGTERM, which the container's main turns into an interrupt. */
    private void stopEarlier(String syncKey) {
        List<Launch> earlier = launches();
        for (int i = 0; i < earlier.size(); i++) {
            if (earlier.get(i).syncKey().equals(syncKey) && earlier.get(i).behaviour() != Behaviour.CUT_OFF_ENTIRELY) {
                threads.get(i).interrupt();
            }
        }
    }

    /** Cut off from here on: the launch has a checkpoint on the target. */
    private boolean checkpointed(String taskId) {
        Progress progress = services.store().find(taskId).map(t -> t.progress()).orElse(null);
        return progress != null && progress.phase() == SyncPhase.INCREMENTAL && progress.checkpointAt() != null;
    }

    private Path spoolDir() {
        try {
            Path dir = Files.createTempDirectory("sync-spool-");
            spoolDirs.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    /** The shared lease, noting when each run first held it. */
    private final class RecordingLease implements SyncLease {
        @Override
        public boolean take(String syncKey, String runId, Duration ttl) {
            boolean taken = lease.take(syncKey, runId, ttl);
            if (taken) {
                leaseTakenAt.putIfAbsent(runId, System.nanoTime());
            }
            return taken;
        }

        @Override
        public boolean renew(String syncKey, String runId, Duration ttl) {
            return lease.renew(syncKey, runId, ttl);
        }

        @Override
        public void release(String syncKey, String runId) {
            lease.release(syncKey, runId);
        }
    }

    /** The engine, whose sync gives up once it has a checkpoint ({@link Behaviour#FAIL}). */
    private static final class FailingOnceCheckpointed implements SyncRunner {
        private final SyncRunner engine;

        FailingOnceCheckpointed(SyncRunner engine) {
            this.engine = engine;
        }

        @Override
        public Result run(Request request, Control control, Consumer<Progress> progress) {
            Thread running = Thread.currentThread();
            AtomicBoolean failing = new AtomicBoolean();
            try {
                return engine.run(request, control, report -> {
                    progress.accept(report);
                    if (report.phase() == SyncPhase.INCREMENTAL && report.checkpointAt() != null
                            && failing.compareAndSet(false, true)) {
                        running.interrupt();
                    }
                });
            } catch (RuntimeException e) {
                if (!failing.get()) {
                    throw e;
                }
                Thread.interrupted();
                throw new SyncFailedException("shard " + request.shard().id() + " lost its source link", e);
            }
        }
    }

    /** Renewals fail once the launch has a checkpoint, as calls to an unreachable table do. */
    private final class CutOffLease implements SyncLease {
        private final SyncLease delegate;
        private final String taskId;

        CutOffLease(SyncLease delegate, String taskId) {
            this.delegate = delegate;
            this.taskId = taskId;
        }

        @Override
        public boolean take(String syncKey, String runId, Duration ttl) {
            return delegate.take(syncKey, runId, ttl);
        }

        @Override
        public boolean renew(String syncKey, String runId, Duration ttl) {
            if (checkpointed(this.taskId)) {
                throw new IllegalStateException("Unable to execute HTTP request: connect timed out (cut off)");
            }
            return delegate.renew(syncKey, runId, ttl);
        }

        @Override
        public void release(String syncKey, String runId) {
            delegate.release(syncKey, runId);
        }
    }

    /**
     * Heartbeats lost once the launch has a checkpoint: until the next launch starts ({@link Behaviour#CUT_OFF}) or
     * for good ({@link Behaviour#CUT_OFF_ENTIRELY}); answers go through.
     */
    private final class CutOff implements TaskCallback {
        private final TaskCallback delegate;
        private final String taskId;
        private final int index;
        private final Behaviour behaviour;

        CutOff(TaskCallback delegate, String taskId, int index, Behaviour behaviour) {
            this.delegate = delegate;
            this.taskId = taskId;
            this.index = index;
            this.behaviour = behaviour;
        }

        @Override
        public void heartbeat() {
            boolean successorRuns = launches.size() > index + 1;
            if (checkpointed(taskId) && (behaviour == Behaviour.CUT_OFF_ENTIRELY || !successorRuns)) {
                return;
            }
            delegate.heartbeat();
        }

        @Override
        public void succeed(SyncRunner.Result result) {
            delegate.succeed(result);
        }

        @Override
        public void fail(String error, String cause) {
            delegate.fail(error, cause);
        }
    }
}
