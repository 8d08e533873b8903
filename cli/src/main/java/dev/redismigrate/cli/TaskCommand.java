package dev.redismigrate.cli;

import dev.redismigrate.aws.CloudServices;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code redis-migrate task ...}: cloud mode, against the stack deployed to AWS (docs/deployment.md). The same use
 * cases as the functions, through the same composition ({@link CloudServices}): tasks in DynamoDB, executions of the
 * state machine named {@code mig-<taskId>}; creating a task invokes the create-task function, which validates from
 * inside the VPC and starts the execution.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = {"Cloud mode: tasks of the redis-migrate stack deployed to AWS (tasks in DynamoDB, one Step Functions"
                + " execution per task, the sync in ECS Fargate).",
                "Where the stack is: --region, --table, --state-machine-arn, or the environment variables they name."},
        subcommands = {TaskCreateCommand.class, TaskStatusCommand.class, TaskListCommand.class, TaskFinishCommand.class,
                TaskCancelCommand.class, TaskUnlockCommand.class, TaskEditCommand.class, TaskStartCommand.class,
                TaskResumeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected failure (AWS refused a call, ...)", "2:bad usage (unknown task, missing setting)",
                "3:validation found an ERROR (task create)"})
final class TaskCommand {
    private final CloudConnection connection;

    TaskCommand() {
        this(CloudConnection.aws());
    }

    TaskCommand(CloudConnection connection) {
        this.connection = connection;
    }

    CloudServices connect(CloudOptions options) {
        return connection.services(CloudOptions.requireTable(options.environment()));
    }

    /** For commands that may stop an execution. */
    CloudServices connectWithExecutions(CloudOptions options) {
        return connection.services(CloudOptions.requireStateMachine(CloudOptions.requireTable(options.environment())));
    }

    LambdaClient lambda(CloudOptions options) {
        return connection.lambda(options.environment());
    }
}
