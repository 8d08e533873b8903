package dev.redismigrate.cli;

import dev.redismigrate.functions.CloudServices;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;

/**
 * {@code redis-migrate task ...}: cloud mode, against the stack deployed to AWS (docs/deployment.md). The same use
 * cases as the functions, through the same composition ({@link CloudServices}): tasks in DynamoDB, executions of the
 * state machine named {@code mig-<taskId>}.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = {"Cloud mode: tasks of the redis-migrate stack deployed to AWS (tasks in DynamoDB, one Step Functions"
                + " execution per task, the sync in ECS Fargate).",
                "Where the stack is: --region, --table, --state-machine-arn, or the environment variables they name."},
        subcommands = {TaskCreateCommand.class, TaskStatusCommand.class, TaskListCommand.class, TaskFinishCommand.class,
                TaskCancelCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected failure (AWS refused a call, ...)", "2:bad usage (unknown task, missing setting)",
                "3:validation found an ERROR (task create)"})
final class TaskCommand {
    private final Function<Map<String, String>, CloudServices> connector;

    TaskCommand() {
        this(CloudServices::fromEnvironment);
    }

    /** @param connector builds the services from the environment {@link CloudOptions} make (tests give fakes) */
    TaskCommand(Function<Map<String, String>, CloudServices> connector) {
        this.connector = connector;
    }

    CloudServices connect(CloudOptions options) {
        if (options.profile() != null) {
            // Read by the SDK's default credential and region chains.
            System.setProperty("aws.profile", options.profile());
        }
        return connector.apply(options.environment(System.getenv()));
    }
}
