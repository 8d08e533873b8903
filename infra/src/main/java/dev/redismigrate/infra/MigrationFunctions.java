package dev.redismigrate.infra;

import static dev.redismigrate.infra.FunctionPermission.CLOUD_LOOKUPS;
import static dev.redismigrate.infra.FunctionPermission.REDIS;
import static dev.redismigrate.infra.FunctionPermission.SEND_TASK_RESULT;
import static dev.redismigrate.infra.FunctionPermission.STOP_SYNC_TASKS;
import static dev.redismigrate.infra.FunctionPermission.TASK_TABLE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
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

    private final Map<MigrationFunction, Function> functions = new EnumMap<>(MigrationFunction.class);
    private final Map<MigrationFunction, Alias> aliases = new EnumMap<>(MigrationFunction.class);

    public MigrationFunctions(Construct scope, String id, DeploymentSettings settings, Network network, ITable table,
                              SyncRunnerTask sync, RetentionDays logRetention) {
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
            // C1 only: the steps are short, and start-up time is what a person waits for.
            environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            if (row.may(STOP_SYNC_TASKS)) {
                environment.put(CLUSTER_ENV, sync.cluster().getClusterArn());
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
        }
        if (row.may(REDIS)) {
            function.addToRolePolicy(Statements.readSecretsUnder(stack, settings.secretPrefix()));
        }
        if (row.may(CLOUD_LOOKUPS)) {
            function.addToRolePolicy(Statements.cloudLookups());
        }
        if (row.may(SEND_TASK_RESULT)) {
            function.addToRolePolicy(Statements.answerTaskTokens());
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
