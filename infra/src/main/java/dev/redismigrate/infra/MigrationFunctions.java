package dev.redismigrate.infra;

import static dev.redismigrate.infra.FunctionPermission.CLOUD_LOOKUPS;
import static dev.redismigrate.infra.FunctionPermission.LOCK_MANAGED_TARGETS;
import static dev.redismigrate.infra.FunctionPermission.REDIS;
import static dev.redismigrate.infra.FunctionPermission.RUN_SYNC_TASKS;
import static dev.redismigrate.infra.FunctionPermission.START_EXECUTIONS;
import static dev.redismigrate.infra.FunctionPermission.STOP_EXECUTIONS;
import static dev.redismigrate.infra.FunctionPermission.STOP_SYNC_TASKS;
import static dev.redismigrate.infra.FunctionPermission.TASK_TABLE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Lambda function per row of {@link MigrationFunction}, all from the one zip that Maven builds in module
 * {@code functions} (no bundling here). Each function has its own role holding exactly the permissions of its row,
 * its own log group, and an alias {@value #ALIAS} on its current version: SnapStart restores published versions
 * only, so callers (state machine, EventBridge) invoke the alias.
 */
public final class MigrationFunctions extends Construct {
    public static final String ALIAS = "live";
    /** The cluster whose leftover sync tasks the janitor stops. */
    public static final String CLUSTER_ENV = "REDIS_MIGRATE_SYNC_CLUSTER";
    /** Where and how the start-sync function runs the sync container (read by module aws-adapters: EcsSyncLauncher). */
    public static final String SYNC_TASK_DEFINITION_ENV = "REDIS_MIGRATE_SYNC_TASK_DEFINITION";
    public static final String SYNC_CONTAINER_ENV = "REDIS_MIGRATE_SYNC_CONTAINER";
    public static final String SYNC_SUBNETS_ENV = "REDIS_MIGRATE_SYNC_SUBNETS";
    public static final String SYNC_SECURITY_GROUPS_ENV = "REDIS_MIGRATE_SYNC_SECURITY_GROUPS";
    public static final String SYNC_ASSIGN_PUBLIC_IP_ENV = "REDIS_MIGRATE_SYNC_ASSIGN_PUBLIC_IP";
    /** Where the functions that start or stop executions find them (read by module aws-adapters). */
    public static final String STATE_MACHINE_ENV = "REDIS_MIGRATE_STATE_MACHINE_ARN";
    public static final String SCHEDULE_GROUP_ENV = "REDIS_MIGRATE_SCHEDULE_GROUP";
    public static final String SCHEDULER_ROLE_ENV = "REDIS_MIGRATE_SCHEDULER_ROLE_ARN";

    private final Map<MigrationFunction, Function> functions = new EnumMap<>(MigrationFunction.class);
    private final Map<MigrationFunction, Alias> aliases = new EnumMap<>(MigrationFunction.class);

    public MigrationFunctions(Construct scope, String id, DeploymentSettings settings, Network network, ITable table,
                              SyncRunnerTask sync, LockFence fence, RetentionDays logRetention) {
        super(scope, id);
        Stack stack = Stack.of(this);
        Code code = Code.fromAsset(requireZip(settings.functionsZip()).toString());

        for (MigrationFunction row : MigrationFunction.values()) {
            LogGroup logs = LogGroup.Builder.create(this, row.logicalName() + "Logs")
                    .retention(logRetention)
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            Map<String, String> environment = new HashMap<>();
            environment.put(SyncRunnerTask.TABLE_ENV, table.getTableName());
            environment.put(SyncRunnerTask.SECRET_PREFIX_ENV, settings.secretPrefix());
            if (row.may(TASK_TABLE)) {
                environment.put(StatusEventBus.BUS_ENV, StatusEventBus.NAME);
            }
            // C1 only: the steps are short, and start-up time is what a person waits for.
            environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            if (row.may(STOP_SYNC_TASKS) || row.may(RUN_SYNC_TASKS)) {
                environment.put(CLUSTER_ENV, sync.cluster().getClusterArn());
            }
            if (row.may(RUN_SYNC_TASKS)) {
                environment.put(SYNC_TASK_DEFINITION_ENV, sync.taskDefinition().getTaskDefinitionArn());
                environment.put(SYNC_CONTAINER_ENV, sync.container().getContainerName());
                environment.put(SYNC_SUBNETS_ENV, String.join(",", network.subnetIds()));
                environment.put(SYNC_SECURITY_GROUPS_ENV, String.join(",", network.securityGroupIds()));
                environment.put(SYNC_ASSIGN_PUBLIC_IP_ENV, Boolean.toString(network.assignPublicIp()));
            }
            // Validation offers the network-fence lock only where there is a fence; locking and unlocking use it.
            if (row.may(CLOUD_LOOKUPS) || row.may(LOCK_MANAGED_TARGETS)) {
                environment.put(LockFence.FENCE_ENV, fence.fence().getSecurityGroupId());
            }
            Function.Builder builder = Function.Builder.create(this, row.logicalName())
                    .description("redis-migrate " + row.logicalName())
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .handler(row.handler())
                    .code(code)
                    .memorySize(1024)
                    .timeout(Duration.seconds(row.timeoutSeconds()))
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .tracing(Tracing.ACTIVE)
                    .logGroup(logs)
                    .environment(environment);
            if (row.may(REDIS)) {
                builder.vpc(network.vpc())
                        .vpcSubnets(network.subnetSelection())
                        .securityGroups(network.securityGroups());
            }
            Function function = builder.build();
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "the alias below publishes the current version, and callers invoke the alias");
            grant(function, row, table, sync, stack, settings);
            functions.put(row, function);
            aliases.put(row, Alias.Builder.create(this, row.logicalName() + "Alias")
                    .aliasName(ALIAS)
                    .version(function.getCurrentVersion())
                    .build());
        }
    }

    /**
     * What the functions that start executions (create task) and stop waiting ones (signal) need, once the state
     * machine and the schedule group exist: where to find them, and the right to use them. (The state machine calls
     * neither function, so referring to it here makes no cycle.)
     */
    public void allowExecutions(StateMachine stateMachine, ScheduledStarts starts) {
        Stack stack = Stack.of(this);
        String machine = stateMachine.getStateMachineArn();
        String executions = stack.formatArn(ArnComponents.builder().service("states").resource("execution")
                .resourceName(stateMachine.getStateMachineName() + ":*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        String group = starts.group().getScheduleGroupName();
        for (MigrationFunction row : MigrationFunction.values()) {
            Function function = functions.get(row);
            if (row.may(START_EXECUTIONS)) {
                function.addEnvironment(STATE_MACHINE_ENV, machine);
                function.addEnvironment(SCHEDULE_GROUP_ENV, group);
                function.addEnvironment(SCHEDULER_ROLE_ENV, starts.role().getRoleArn());
                function.addToRolePolicy(Statements.startExecutions(machine));
                function.addToRolePolicy(Statements.schedulesOfGroup("CreateStartSchedules", stack, group,
                        List.of("scheduler:CreateSchedule")));
                function.addToRolePolicy(Statements.passSchedulerRole(starts.role().getRoleArn()));
            }
            if (row.may(STOP_EXECUTIONS)) {
                function.addEnvironment(STATE_MACHINE_ENV, machine);
                function.addEnvironment(SCHEDULE_GROUP_ENV, group);
                function.addToRolePolicy(Statements.stopExecutions(executions));
                function.addToRolePolicy(Statements.schedulesOfGroup("DeleteStartSchedules", stack, group,
                        List.of("scheduler:DeleteSchedule")));
            }
        }
    }

    /** The alias the state machine and the EventBridge rule call. */
    public IFunction alias(MigrationFunction function) {
        return aliases.get(function);
    }

    /** The function itself (its role, its configuration). */
    Function function(MigrationFunction row) {
        return functions.get(row);
    }

    private static void grant(Function function, MigrationFunction row, ITable table, SyncRunnerTask sync, Stack stack,
                              DeploymentSettings settings) {
        if (row.may(TASK_TABLE)) {
            function.addToRolePolicy(Statements.taskTableItems(table));
            function.addToRolePolicy(Statements.putStatusEvents(stack));
        }
        if (row.may(REDIS)) {
            function.addToRolePolicy(Statements.readSecretsUnder(stack, settings.secretPrefix()));
        }
        if (row.may(CLOUD_LOOKUPS)) {
            function.addToRolePolicy(Statements.cloudLookups());
        }
        if (row.may(LOCK_MANAGED_TARGETS)) {
            function.addToRolePolicy(Statements.describeManagedTargets());
            function.addToRolePolicy(Statements.createAndDeleteMigrationUsers(stack));
            function.addToRolePolicy(Statements.lockUsers(stack));
            function.addToRolePolicy(Statements.swapSecurityGroups(stack));
        }
        if (row.may(RUN_SYNC_TASKS)) {
            Statements.runSyncTasks(sync).forEach(function::addToRolePolicy);
        }
        if (row.may(STOP_SYNC_TASKS)) {
            function.addToRolePolicy(Statements.stopSyncTasks(stack, sync.cluster()));
            function.addToRolePolicy(Statements.listSyncTasks(sync.cluster()));
        }
    }

    private static Path requireZip(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("Lambda code not found: " + zip.toAbsolutePath()
                    + ". Build it first (./mvnw -B -q -pl functions -am package) or pass -c functionsZip=PATH");
        }
        return zip;
    }
}
