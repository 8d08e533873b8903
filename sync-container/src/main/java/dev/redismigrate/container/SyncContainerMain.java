package dev.redismigrate.container;

import dev.redismigrate.aws.AwsClients;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.SyncContainerEnvironment;
import dev.redismigrate.aws.execution.TaskTokenCallback;
import dev.redismigrate.aws.store.DynamoDbSyncLease;
import dev.redismigrate.aws.store.DynamoDbSyncTokens;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.usecase.VerificationFinishGate;
import dev.redismigrate.redisio.verify.JedisVerifier;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.sync.shard.ShardedSyncRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The container's entry point (the image's main class). The start-sync step passes the task id, the shard (absent for
 * the whole source) and the run id as environment overrides ({@link SyncContainerEnvironment}); the container fetches
 * its run's task token from the task table under its sync key with its own role (never from its environment, never
 * logged) and stops at once if a later run replaced it; it syncs only while it holds its sync's lease in the same table
 * ({@link LeaseKeeper}).
 * The stack sets {@value CloudServices#TABLE_ENV}, {@code AWS_REGION} and {@value SyncMetrics#STACK_ENV}. Optional: {@value #VERIFY_ENV} ({@code counts}, {@code sample} (default), {@code full} or
 * {@code none}) for the verification a finish must pass. SIGTERM (ECS StopTask) interrupts the sync and answers
 * nothing. Exit code 1 when the sync failed or its answer could not be delivered.
 */
public final class SyncContainerMain {
    public static final String VERIFY_ENV = "REDIS_MIGRATE_VERIFY";
    /** Well within the state's HeartbeatSeconds (300). */
    static final Duration HEARTBEAT_EVERY = Duration.ofMinutes(1);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(SyncContainerMain.class);

    private SyncContainerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        SyncContainerEnvironment task = SyncContainerEnvironment.from(env);
        CloudServices services = CloudServices.fromEnvironment(env);
        AwsClients aws = AwsClients.fromEnvironment(env);
        DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());
        String table = env.get(CloudServices.TABLE_ENV);
        Optional<String> token = new DynamoDbSyncTokens(dynamo, table, Clock.systemUTC()).token(task.syncKey(), task.runId());
        if (token.isEmpty()) {
            LOG.warn("task {}: run {} was replaced by a later run before this container started; stopping without"
                    + " touching anything", task.syncKey(), task.runId());
            return;
        }
        SfnClient sfn = aws.build(SfnClient.builder());
        SecretResolver secrets = services.secrets();
        LeaseKeeper lease = new LeaseKeeper(new DynamoDbSyncLease(dynamo, table, Clock.systemUTC()), LeaseKeeper.Timing.DEFAULT);
        // the engine syncs the shard named (or every shard of a cluster source, for the whole source)
        SyncContainer container = new SyncContainer(services, lease, new ShardedSyncRunner(secrets, SyncSettings.defaults()),
                beat -> VerificationFinishGate.forMode(env.getOrDefault(VERIFY_ENV, "sample"), new JedisVerifier(secrets),
                        step -> beat.run()),
                new TaskTokenCallback(sfn, token.get()), HEARTBEAT_EVERY,
                new SyncMetrics(System.out, env.get(SyncMetrics.STACK_ENV), Clock.systemUTC(), SyncMetrics.EVERY));

        AtomicReference<SyncContainer.Ending> ending = new AtomicReference<>();
        Thread sync = new Thread(() -> ending.set(container.run(task.taskId(), task.shard(), task.runId())),
                "sync-" + task.syncKey());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (sync.isAlive()) {
                sync.interrupt();
                try {
                    sync.join(SHUTDOWN_GRACE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "sigterm"));
        sync.start();
        sync.join();
        SyncContainer.Ending end = ending.get();
        System.exit(end == SyncContainer.Ending.FAILED || end == SyncContainer.Ending.UNANSWERED ? 1 : 0);
    }
}
