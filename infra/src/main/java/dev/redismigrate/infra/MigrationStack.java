package dev.redismigrate.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The AWS shape of redis-migrate in one stack, next to the user's VPC: the task table, the step functions, the state
 * machine from {@code statemachine/migration.asl.json}, the Fargate sync-runner, scheduled starts, the janitor for
 * executions that end badly, and the fence security group of the {@code network-fence} lock. Outputs name what a
 * person needs to start a migration.
 */
public final class MigrationStack extends Stack {
    private final SyncRunnerTask sync;
    private final MigrationFunctions functions;
    private final MigrationWorkflow workflow;
    private final ScheduledStarts starts;
    private final LockFence fence;
    private final LagAlarm lagAlarm;

    public MigrationStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        Tags.of(this).add("project", "redis-migrate");
        RetentionDays logRetention = retention(settings.logRetention());
        AslDefinition definition = AslDefinition.read(settings.definitionFile());

        Network imported = Network.imported(this, settings);
        fence = new LockFence(this, "LockFence", settings, imported);
        Network network = imported.withGroup(fence.clients());
        if (settings.vpcEndpoints()) {
            new VpcEndpoints(this, "Endpoints", settings, imported, fence.clients());
        }
        Table table = TaskTableResource.create(this, "Tasks");
        sync = new SyncRunnerTask(this, "SyncRunner", settings, network, table, logRetention);
        functions = new MigrationFunctions(this, "Functions", settings, network, table, sync, fence,
                logRetention);
        workflow = new MigrationWorkflow(this, "Workflow", definition,
                DefinitionSubstitutions.of(functions), functions, logRetention);
        starts = new ScheduledStarts(this, "ScheduledStarts", workflow.stateMachine());
        functions.allowExecutions(workflow.stateMachine(), starts);
        sync.allowAnswers(workflow.stateMachine());
        new JanitorTrigger(this, "Janitor", workflow.stateMachine(), functions.alias(MigrationFunction.JANITOR));

        lagAlarm = settings.lagAlarmSeconds() > 0 ? new LagAlarm(this, "LagAlarm", settings) : null;

        StackOutputs.add(this, workflow.stateMachine(), table, sync, starts, functions, fence);
        if (lagAlarm != null) {
            StackOutputs.addAlarmTopic(this, lagAlarm.topic());
        }
    }

    SyncRunnerTask sync() {
        return sync;
    }

    MigrationFunctions functions() {
        return functions;
    }

    MigrationWorkflow workflow() {
        return workflow;
    }

    ScheduledStarts starts() {
        return starts;
    }

    LockFence fence() {
        return fence;
    }

    /** Null when the context turned the alarm off ({@code lagAlarmSeconds=0}). */
    LagAlarm lagAlarm() {
        return lagAlarm;
    }

    private static RetentionDays retention(String name) {
        try {
            return RetentionDays.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Context value 'logRetention' must be one of "
                    + Arrays.stream(RetentionDays.values()).map(Enum::name).collect(Collectors.joining(", "))
                    + ", not '" + name + "'");
        }
    }
}
