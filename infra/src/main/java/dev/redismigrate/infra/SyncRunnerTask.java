package dev.redismigrate.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The long-running sync in ECS Fargate: the image repository Jib pushes to, the cluster in the user's VPC, and the
 * one task definition the start-sync function may run. The container learns its task id and run id from that
 * function's container overrides and fetches its task token from the task table (never from its environment); the
 * table name, region, stack name (its metrics' dimension), event bus and heap size are fixed here.
 */
public final class SyncRunnerTask extends Construct {
    public static final String CONTAINER_NAME = "sync-runner";
    /** The table's name, for the sync container and the functions (read by module aws-adapters). */
    public static final String TABLE_ENV = "REDIS_MIGRATE_TABLE";
    /** The only secrets the functions and the container read passwords from (functions' SecretsManagerSecretResolver). */
    public static final String SECRET_PREFIX_ENV = "REDIS_MIGRATE_SECRET_PREFIX";
    /** The stack's name, the aggregate dimension of the sync's metrics (read by sync-container: SyncMetrics). */
    public static final String METRICS_STACK_ENV = "REDIS_MIGRATE_STACK";
    /**
     * The sync's JVM within the task's memory (2048 MiB by default). The heap takes 75% (1536 MiB): a single string
     * needs about its own size of heap, and the JVM's default (a quarter) would cap strings near 400 MB. What is not
     * heap is capped too, so the process stays under the task's limit instead of being killed by ECS: class metadata
     * 128 MiB, direct buffers 64 MiB (the spool's file I/O; the AWS SDK uses the URL-connection client, no Netty pools),
     * leaving the rest for JIT code, the collector's own tables and thread stacks. A JVM out of heap exits (the task
     * stops) rather than going on with whichever thread the error killed.
     */
    static final String JAVA_OPTIONS = "-XX:MaxRAMPercentage=75 -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m"
            + " -XX:+ExitOnOutOfMemoryError";

    private final Repository repository;
    private final Cluster cluster;
    private final FargateTaskDefinition taskDefinition;
    private final ContainerDefinition container;

    public SyncRunnerTask(Construct scope, String id, DeploymentSettings settings, Network network, ITable table,
                          RetentionDays logRetention) {
        super(scope, id);
        Stack stack = Stack.of(this);

        // Named by CloudFormation after the stack, so a redeploy after a destroy never meets an old repository; and
        // deleted with the stack, images included (they are built from source again), so nothing is left behind.
        repository = Repository.Builder.create(this, "Repository")
                .removalPolicy(RemovalPolicy.DESTROY)
                .emptyOnDelete(true)
                .imageScanOnPush(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .description("Keep the last 10 images")
                        .maxImageCount(10)
                        .build()))
                .build();

        cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(network.vpc())
                .enableFargateCapacityProviders(true)
                .build();

        Role taskRole = Role.Builder.create(this, "TaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("redis-migrate sync-runner: task table, task passwords, task token answers, its ElastiCache user")
                .build();
        taskRole.addToPrincipalPolicy(Statements.taskTableItems(table));
        taskRole.addToPrincipalPolicy(Statements.putStatusEvents(stack));
        taskRole.addToPrincipalPolicy(Statements.readSecretsUnder(stack, settings.secretPrefix()));
        taskRole.addToPrincipalPolicy(Statements.describeManagedTargets());
        taskRole.addToPrincipalPolicy(Statements.regrantMigrationUser(stack));

        taskDefinition = FargateTaskDefinition.Builder.create(this, "TaskDefinition")
                .cpu(settings.syncRunnerCpu())
                .memoryLimitMiB(settings.syncRunnerMemoryMiB())
                .ephemeralStorageGiB(settings.syncRunnerEphemeralStorageGiB())
                .runtimePlatform(RuntimePlatform.builder()
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .cpuArchitecture(settings.syncRunnerArm64() ? CpuArchitecture.ARM64 : CpuArchitecture.X86_64)
                        .build())
                .taskRole(taskRole)
                .build();

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        container = taskDefinition.addContainer("SyncRunner", ContainerDefinitionOptions.builder()
                .containerName(CONTAINER_NAME)
                .image(ContainerImage.fromEcrRepository(repository, settings.syncRunnerImageTag()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(CONTAINER_NAME).build()))
                .environment(Map.of(
                        TABLE_ENV, table.getTableName(),
                        SECRET_PREFIX_ENV, settings.secretPrefix(),
                        "AWS_REGION", Aws.REGION,
                        // The Stack dimension of the sync's metrics, which the lag alarm watches (LagAlarm).
                        METRICS_STACK_ENV, stack.getStackName(),
                        StatusEventBus.BUS_ENV, StatusEventBus.NAME,
                        "JAVA_TOOL_OPTIONS", JAVA_OPTIONS))
                // Fargate's longest grace period: time to write the last checkpoint after SIGTERM.
                .stopTimeout(Duration.seconds(120))
                .build());
    }

    /** The task tokens the sync answers are those of this state machine's executions. */
    void allowAnswers(IStateMachine stateMachine) {
        taskDefinition.getTaskRole().addToPrincipalPolicy(Statements.answerTaskTokens(stateMachine.getStateMachineArn()));
    }

    public Repository repository() {
        return repository;
    }

    public Cluster cluster() {
        return cluster;
    }

    public FargateTaskDefinition taskDefinition() {
        return taskDefinition;
    }

    public ContainerDefinition container() {
        return container;
    }
}
