package dev.redismigrate.statemachine;

import dev.redismigrate.aws.AwsClients;
import dev.redismigrate.aws.execution.SyncLauncher;
import dev.redismigrate.aws.execution.TaskCallback;
import dev.redismigrate.aws.execution.TaskTokenCallback;
import dev.redismigrate.aws.execution.TaskTokenExpiredException;
import dev.redismigrate.aws.store.SyncTokens;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskSummary;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * Stand-ins for the sync containers of a cluster source's shards, one per RunSync Map iteration: each fetches its run's
 * token from the {@link SyncTokens} start-sync stored it in under the shard's sync key (as the container's main does),
 * heartbeats through the real {@link TaskTokenCallback} against the local Step Functions emulation, and answers what
 * the test orders: finish or cancel (every shard, as a person's desired state reaches every container; both answered
 * as a result, stopped by FINISH or CANCEL, as the real container of a shard does), or a failure of one shard, or its
 * death. A container whose heartbeat or answer is refused because its token expired stops, as the real one does
 * ({@link Ending#SUPERSEDED}). The Redis side is not here: {@code MigrationWorkflowIT} runs the real container.
 */
final class ShardContainers implements SyncLauncher, AutoCloseable {
    private static final Duration BEAT = Duration.ofMillis(100);

    enum Ending {
        FINISHED, CANCELLED, FAILED, SUPERSEDED,
        /** Stopped without a word (a dead container): its heartbeats stop. */
        DIED
    }

    record Launch(String taskId, SyncShard shard, String runId) {
    }

    private final SyncTokens tokens;
    private final Supplier<URI> stepFunctions;
    private final List<Launch> launches = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Ending> endings = new ConcurrentHashMap<>();
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    private volatile DesiredState desired = DesiredState.RUN;
    private volatile String failing;
    private volatile String dying;

    ShardContainers(SyncTokens tokens, Supplier<URI> stepFunctions) {
        this.tokens = tokens;
        this.stepFunctions = stepFunctions;
    }

    /** A person's finish or cancel: every shard's container sees it. */
    void request(DesiredState state) {
        desired = state;
    }

    /** The shard's sync gives up (its container answers {@code Migration.SyncFailed}). */
    void fail(String shardId) {
        failing = shardId;
    }

    /** The shard's current container dies (the next one of the shard lives). */
    void die(String shardId) {
        dying = shardId;
    }

    List<Launch> launches() {
        synchronized (launches) {
            return List.copyOf(launches);
        }
    }

    /** How the container of the shard ended, once it has. */
    Optional<Ending> ending(String shardId) {
        return Optional.ofNullable(endings.get(shardId));
    }

    @Override
    public void launch(String taskId, SyncShard shard, String runId) {
        String token = tokens.token(shard.syncKey(taskId), runId)
                .orElseThrow(() -> new AssertionError("no token stored for run " + runId + " of " + shard.syncKey(taskId)));
        launches.add(new Launch(taskId, shard, runId));
        URI endpoint = stepFunctions.get();
        Thread thread = new Thread(() -> {
            try (SfnClient sfn = AwsClients.of(Region.US_EAST_1, endpoint,
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build(SfnClient.builder())) {
                endings.put(shard.id(), run(new TaskTokenCallback(sfn, token), shard));
            }
        }, "shard-container-" + shard.id());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private Ending run(TaskCallback callback, SyncShard shard) {
        try {
            while (true) {
                if (shard.id().equals(dying)) {
                    dying = null;
                    return Ending.DIED;
                }
                callback.heartbeat();
                if (shard.id().equals(failing)) {
                    callback.fail(TaskTokenCallback.SYNC_FAILED, "shard " + shard.id() + " lost its source link");
                    return Ending.FAILED;
                }
                if (desired != DesiredState.RUN) {
                    // as the real container answers for a shard: a cancel too is a result (stopped by CANCEL)
                    callback.succeed(new SyncRunner.Result(desired,
                            new TaskSummary(shard.id().length(), 0, 1, Map.of(), Map.of())));
                    return desired == DesiredState.CANCEL ? Ending.CANCELLED : Ending.FINISHED;
                }
                Thread.sleep(BEAT.toMillis());
            }
        } catch (TaskTokenExpiredException e) {
            return Ending.SUPERSEDED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Ending.SUPERSEDED;
        }
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
    }
}
