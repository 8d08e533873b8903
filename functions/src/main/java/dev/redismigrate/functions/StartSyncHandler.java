package dev.redismigrate.functions;

import dev.redismigrate.aws.AwsClients;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.EcsSyncLauncher;
import dev.redismigrate.aws.execution.SyncLauncher;
import dev.redismigrate.aws.store.DynamoDbSyncTokens;
import dev.redismigrate.aws.store.SyncTokens;
import dev.redismigrate.functions.workflow.StartSyncRequest;
import dev.redismigrate.functions.workflow.StepHandler;
import dev.redismigrate.functions.workflow.SyncLaunched;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * One iteration of the RunSync Map ({@code lambda:invoke.waitForTaskToken}), for one of the task's syncs (a shard of a
 * cluster source, or the whole source): keeps the state's task token for a new run of that sync ({@link SyncTokens},
 * under {@link dev.redismigrate.core.task.SyncShard#syncKey}), then has the launcher stop that sync's earlier
 * containers and start one told only the task id, the shard and the run id. The state then waits for that container's heartbeats and answer. A retry (after a missed heartbeat)
 * is a new run: its token replaces the old one, so a superseded container that starts late finds no token for its run
 * and stops, and one still running is stopped; the new container syncs only once it holds the task's sync lease.
 */
public final class StartSyncHandler extends StepHandler<StartSyncRequest, SyncLaunched> {
    private final SyncTokens tokens;
    private final SyncLauncher launcher;

    public StartSyncHandler() {
        this(FromEnvironment.TOKENS, FromEnvironment.LAUNCHER);
    }

    public StartSyncHandler(SyncTokens tokens, SyncLauncher launcher) {
        super(StartSyncRequest.class);
        this.tokens = tokens;
        this.launcher = launcher;
    }

    @Override
    protected SyncLaunched handle(StartSyncRequest input) {
        String runId = UUID.randomUUID().toString();
        tokens.store(input.shard().syncKey(input.taskId()), runId, input.taskToken());
        launcher.launch(input.taskId(), input.shard(), runId);
        return new SyncLaunched(input.taskId(), runId);
    }

    /** Built once per container, so that a SnapStart snapshot holds the clients ready. */
    private static final class FromEnvironment {
        static final Map<String, String> ENV = System.getenv();
        static final AwsClients AWS = AwsClients.fromEnvironment(ENV);
        static final SyncTokens TOKENS = new DynamoDbSyncTokens(AWS.build(DynamoDbClient.builder()),
                ENV.get(CloudServices.TABLE_ENV), Clock.systemUTC());
        static final SyncLauncher LAUNCHER = new EcsSyncLauncher(AWS.build(EcsClient.builder()),
                EcsSyncLauncher.Settings.fromEnvironment(ENV));
    }
}
