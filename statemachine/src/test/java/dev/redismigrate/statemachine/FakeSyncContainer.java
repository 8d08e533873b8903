package dev.redismigrate.statemachine;

import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.RunSync;
import dev.redismigrate.functions.aws.AwsClients;
import dev.redismigrate.functions.workflow.SyncContainerEnvironment;
import dev.redismigrate.functions.workflow.TaskTokenCallback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Stands in for the sync container: reads its task id and token from the environment the state machine gave it,
 * runs core's {@link RunSync} over a sync that only reports progress, heartbeats from the progress loop, and answers
 * through {@link TaskTokenCallback} with the real SDK client (pointed at the local Step Functions emulation): success
 * once finished (after FINISHING), failure {@code Migration.Cancelled} when cancelled. A container whose token has
 * expired (its heartbeat is refused with TaskTimedOut) stops without touching anything: a successor owns the task.
 */
final class FakeSyncContainer implements SyncContainers, AutoCloseable {
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration LIFETIME = Duration.ofSeconds(90);

    enum Behaviour {
        /** Syncs until a person finishes or cancels. */
        SYNC_UNTIL_ASKED,
        /** Heartbeats once, then goes silent (a dead or cut-off container); once a successor runs, tries one more heartbeat. */
        STALL
    }

    record Launch(String taskId, String token, Behaviour behaviour) {
    }

    private final TaskStore store;
    private final Clock clock;
    private final Deque<Behaviour> script;
    private final List<Launch> launches = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refusedHeartbeats = new AtomicInteger();

    /** @param script the behaviour of the first, second, ... launch; later launches sync until asked */
    FakeSyncContainer(TaskStore store, Clock clock, Behaviour... script) {
        this.store = store;
        this.clock = clock;
        this.script = new ArrayDeque<>(List.of(script));
    }

    List<Launch> launches() {
        synchronized (launches) {
            return List.copyOf(launches);
        }
    }

    /** Heartbeats refused because the token had expired: stalled containers that found out they were replaced. */
    int refusedHeartbeats() {
        return refusedHeartbeats.get();
    }

    @Override
    public synchronized void runTask(RunTask request) {
        SyncContainerEnvironment env = SyncContainerEnvironment.from(request.environment());
        Behaviour behaviour = script.isEmpty() ? Behaviour.SYNC_UNTIL_ASKED : script.poll();
        int index = launches.size();
        launches.add(new Launch(env.taskId(), env.taskToken(), behaviour));
        Thread thread = new Thread(() -> {
            try (SfnClient sfn = AwsClients.of(Region.US_EAST_1, request.stepFunctionsEndpoint(),
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build(SfnClient.builder())) {
                TaskTokenCallback callback = new TaskTokenCallback(sfn, env.taskToken());
                if (behaviour == Behaviour.STALL) {
                    stall(callback, index);
                } else {
                    sync(callback, env.taskId());
                }
            } catch (TaskTimedOutException superseded) {
                refusedHeartbeats.incrementAndGet();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "fake-sync-container-" + index);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void stall(TaskTokenCallback callback, int index) throws InterruptedException {
        callback.heartbeat();
        Instant deadline = Instant.now().plus(LIFETIME);
        while (launches.size() <= index + 1 && Instant.now().isBefore(deadline)) { // until a successor runs
            Thread.sleep(TICK.toMillis());
        }
        callback.heartbeat();
    }

    private void sync(TaskTokenCallback callback, String taskId) {
        MigrationTask task = store.find(taskId).orElseThrow();
        RunSync runSync = new RunSync(store, new ProgressOnlySync(), FinishGate.none(), clock);
        try {
            SyncRunner.Result result = runSync.run(taskId, task.target().endpoint(), progress -> callback.heartbeat());
            if (result.stoppedBy() == DesiredState.CANCEL) {
                callback.fail(TaskTokenCallback.CANCELLED, "cancelled by a person");
            } else {
                new RecordOutcome(store, clock).finishing(taskId);
                callback.succeed(result);
            }
        } catch (SyncFailedException e) {
            callback.fail(TaskTokenCallback.SYNC_FAILED, e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (threads) {
            threads.forEach(Thread::interrupt);
        }
    }

    /** A sync with no data: progress every tick until the person's wish is to stop. */
    private final class ProgressOnlySync implements SyncRunner {
        @Override
        public Result run(Request request, Control control, java.util.function.Consumer<Progress> progress) {
            Instant deadline = Instant.now().plus(LIFETIME);
            while (Instant.now().isBefore(deadline)) {
                Progress now = Progress.starting(clock.instant());
                progress.accept(now);
                DesiredState desired = control.desired();
                if (desired == DesiredState.CANCEL || desired == DesiredState.FINISH && control.readyToStop(now)) {
                    return new Result(desired, new TaskSummary(0, 0, 0, Map.of(), Map.of()));
                }
                try {
                    Thread.sleep(TICK.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SyncFailedException("stopped", e);
                }
            }
            throw new SyncFailedException("nobody finished the sync within " + LIFETIME, null);
        }
    }
}
