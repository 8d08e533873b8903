package dev.redismigrate.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * What {@code cdk deploy} prints for a person: the names and ARNs the CLI and the console need, and the exact
 * commands that start a migration now or at a time. An execution is named {@code mig-<taskId>} (the definition's
 * convention), which makes a second start of the same task a no-op rather than a second migration.
 */
final class StackOutputs {
    private StackOutputs() {
    }

    static void add(Construct stack, IStateMachine stateMachine, ITable table, SyncRunnerTask sync,
                    ScheduledStarts starts, MigrationFunctions functions, LockFence fence) {
        String machine = stateMachine.getStateMachineArn();
        output(stack, "StateMachineArn", machine, "The migration state machine");
        output(stack, "TaskTableName", table.getTableName(), "The DynamoDB table of tasks (REDIS_MIGRATE_TABLE)");
        output(stack, "SyncClusterName", sync.cluster().getClusterName(), "The ECS cluster the sync-runner runs in");
        output(stack, "SyncRunnerRepositoryUri", sync.repository().getRepositoryUri(),
                "Push the sync-runner image here with Jib");
        output(stack, "CreateTaskFunctionArn", functions.alias(MigrationFunction.CREATE_TASK).getFunctionArn(),
                "Creates and validates a task from its JSON");
        output(stack, "EditTaskFunctionArn", functions.alias(MigrationFunction.EDIT_TASK).getFunctionArn(),
                "Edits a task that has not started and validates it again (redis-migrate task edit, REDIS_MIGRATE_EDIT_FUNCTION_ARN)");
        output(stack, "UnlockTargetFunctionArn", functions.alias(MigrationFunction.UNLOCK_TARGET).getFunctionArn(),
                "Unlocks the target of a task whose unlock failed (redis-migrate task unlock, REDIS_MIGRATE_UNLOCK_FUNCTION_ARN)");
        output(stack, "SignalFunctionArn", functions.alias(MigrationFunction.SIGNAL).getFunctionArn(),
                "Finish or cancel a running task");
        output(stack, "ScheduleGroupName", starts.group().getScheduleGroupName(),
                "EventBridge Scheduler group for scheduled starts");
        output(stack, "SchedulerRoleArn", starts.role().getRoleArn(), "The role scheduled starts run with");
        output(stack, "MigrationSecurityGroupId", fence.clients().getSecurityGroupId(),
                "The migration's own security group (functions, sync-runner): the only source the fence admits");
        output(stack, "FenceSecurityGroupId", fence.fence().getSecurityGroupId(),
                "The network-fence lock puts this group on a locked ElastiCache target");
        output(stack, "StartMigrationCommand",
                "aws stepfunctions start-execution --state-machine-arn " + machine
                        + " --name mig-TASK_ID --input '{\"taskId\":\"TASK_ID\"}'",
                "Start a created task now (replace TASK_ID)");
        output(stack, "ScheduleMigrationCommand",
                "aws scheduler create-schedule --group-name " + starts.group().getScheduleGroupName()
                        + " --name mig-TASK_ID --schedule-expression 'at(2030-01-31T02:00:00)'"
                        + " --schedule-expression-timezone UTC --flexible-time-window Mode=OFF"
                        + " --action-after-completion DELETE --target '{\"Arn\":\"" + ScheduledStarts.TARGET_ARN
                        + "\",\"RoleArn\":\"" + starts.role().getRoleArn()
                        + "\",\"Input\":\"{\\\"StateMachineArn\\\":\\\"" + machine
                        + "\\\",\\\"Name\\\":\\\"mig-TASK_ID\\\",\\\"Input\\\":\\\"{\\\\\\\"taskId\\\\\\\":\\\\\\\"TASK_ID\\\\\\\"}\\\"}\"}'",
                "Start a created task at a time (replace TASK_ID and the UTC time)");
    }

    static void addAlarmTopic(Construct stack, ITopic topic) {
        output(stack, "AlarmTopicArn", topic.getTopicArn(),
                "The lag alarm notifies this SNS topic: subscribe an e-mail address or a chat integration");
    }

    private static void output(Construct stack, String id, String value, String description) {
        CfnOutput.Builder.create(stack, id).value(value).description(description).build();
    }
}
