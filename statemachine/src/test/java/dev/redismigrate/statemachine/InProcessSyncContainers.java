package dev.redismigrate.statemachine;

import dev.redismigrate.aws.AwsClients;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.SyncLauncher;
import dev.redismigrate.aws.execution.TaskCallback;
import dev.redismigrate.aws.execution.TaskTokenCallback;
import dev.redismigrate.aws.store.SyncTokens;
import dev.redismigrate.container.SyncContainer;
import dev.redismigrate.container.SyncMetrics;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.VerificationFinishGate;
import dev.redismigrate.redisio.verify.JedisVerifier;
import dev.redismigrate.sync.ReplicationSyncRunner;
import dev.redismigrate.sync.SyncSettings;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Starts sync containers as ECS would for the start-sync function, in this JVM: each launch fetches its run's token
 * from the {@link SyncTokens} the function stored it in (as the container's main does) and runs the real
 * {@link SyncContainer} (RegrantTarget, RunSync over the ReplicationSyncRunner engine with sample verification before
 * a finish, heartbeats, metrics, one answer) on its own thread against the test's Redis servers, its SfnClient pointed
 * at the local Step Functions emulation. The metric lines every launch printed are kept ({@link #metricLines()}).
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
        CUT_OFF
    }

    record Launch(String taskId, String runId, String token, Behaviour behaviour) {
    }

    private final CloudServices services;
    private final SyncTokens tokens;
    private final Supplier<URI> stepFunctions;
    private final ByteArrayOutputStream metricOutput = new ByteArrayOutputStream();
    private final PrintStream metricStream = new PrintStream(metricOutput, true, StandardCharsets.UTF_8);
    private final Deque<Behaviour> script;
    private final List<Launch> launches = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, SyncContainer.Ending> endings = new ConcurrentHashMap<>();
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

    /** Every EMF line the launches printed, in order. */
    List<String> metricLines() {
        return metricOutput.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public synchronized void launch(String taskId, String runId) {
        String token = tokens.token(taskId, runId).orElseThrow(() -> new AssertionError("no token stored for run " + runId));
        Behaviour behaviour = script.isEmpty() ? Behaviour.SYNC : script.poll();
        int index = launches.size();
        launches.add(new Launch(taskId, runId, token, behaviour));
        Path spool = spoolDir();
        URI endpoint = stepFunctions.get();
        Thread thread = new Thread(() -> {
            try (SfnClient sfn = AwsClients.of(Region.US_EAST_1, endpoint,
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build(SfnClient.builder())) {
                TaskCallback callback = new TaskTokenCallback(sfn, token);
                if (behaviour == Behaviour.CUT_OFF) {
                    callback = new CutOff(callback, services.store(), taskId, index);
                }
                SyncRunner engine = new ReplicationSyncRunner(services.secrets(),
                        SyncSettings.defaults().withSpoolDir(spool).withGiveUpAfter(Duration.ofSeconds(20)));
                SyncContainer container = new SyncContainer(services, engine,
                        VerificationFinishGate.forMode("sample", new JedisVerifier(services.secrets())), callback,
                        HEARTBEAT_EVERY, new SyncMetrics(metricStream, "local", Clock.systemUTC(), METRICS_EVERY));
                endings.put(index, container.run(taskId));
            }
        }, "sync-container-" + index);
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

    /** Heartbeats lost between a checkpoint of this launch and the start of the next; answers go through. */
    private final class CutOff implements TaskCallback {
        private final TaskCallback delegate;
        private final TaskStore store;
        private final String taskId;
        private final int index;

        CutOff(TaskCallback delegate, TaskStore store, String taskId, int index) {
            this.delegate = delegate;
            this.store = store;
            this.taskId = taskId;
            this.index = index;
        }

        @Override
        public void heartbeat() {
            boolean successorRuns = launches.size() > index + 1;
            Progress progress = store.find(taskId).map(t -> t.progress()).orElse(null);
            boolean checkpointed = progress != null && progress.phase() == SyncPhase.INCREMENTAL && progress.checkpointAt() != null;
            if (checkpointed && !successorRuns) {
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
