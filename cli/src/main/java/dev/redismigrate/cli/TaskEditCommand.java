package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.TaskEdit;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.cloud.EditTaskRequest;
import dev.redismigrate.core.usecase.cloud.EditedTask;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code redis-migrate task edit}: invokes the stack's edit-task function, which changes a cloud task that has not
 * started, stops its waiting execution or schedule, and validates it again from inside the VPC.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Changes a cloud task that has not started (CREATED, VALIDATED, VALIDATION_FAILED, SCHEDULED)"
                + " through the stack's edit-task function (--edit-function): a scheduled task's waiting execution or"
                + " EventBridge schedule is stopped, so the old settings never run, and the task is validated again."
                + " It is left not started: start it again with `redis-migrate task start TASK`.",
                "Passwords must be Secrets Manager secrets: --source-password-secret / --target-password-secret ARN."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:edited, no ERROR", "1:unexpected failure", "2:bad usage (a task that has started, ...)",
                "3:validation found an ERROR"})
final class TaskEditCommand implements Callable<Integer> {
    @Option(names = "--source", paramLabel = "URI", description = "New source, redis://[user@]host:port (rediss:// for TLS).")
    private String source;

    @Option(names = "--source-password-secret", paramLabel = "ARN", description = "Secrets Manager secret holding the source password.")
    private String sourcePasswordSecret;

    @Option(names = "--target", paramLabel = "URI", description = "New target, same form as --source.")
    private String target;

    @Option(names = "--target-password-secret", paramLabel = "ARN", description = "Secrets Manager secret holding the target password.")
    private String targetPasswordSecret;

    @Option(names = "--json", description = "Print the edited task (id, status, validation) as JSON.")
    private boolean json;

    @Mixin
    private TaskEditOptions changes;

    @Mixin
    private CloudTaskArguments arguments;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        TaskEdit edit = changes.edit(endpoint(source, sourcePasswordSecret, "--source"),
                source == null && sourcePasswordSecret != null ? CloudEndpoints.secret(sourcePasswordSecret, "--source") : null,
                endpoint(target, targetPasswordSecret, "--target"),
                target == null && targetPasswordSecret != null ? CloudEndpoints.secret(targetPasswordSecret, "--target") : null);
        EditedTask edited = new DeployedFunction(task.lambda(arguments.cloud()), arguments.cloud().editFunction(), "edit-task")
                .invoke(new EditTaskRequest(arguments.task(), edit), EditedTask.class);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(TaskJson.write(edited));
        } else {
            out.printf("task      %s (%s) %s%n", edited.name(), edited.taskId(), edited.status());
            TaskPrinter.printValidation(edited.validation(), out);
            out.println(edited.status() == TaskStatus.VALIDATION_FAILED
                    ? "not started: fix the errors and edit the task again"
                    : "not started: start it with redis-migrate task start " + edited.taskId());
        }
        out.flush();
        return edited.status() == TaskStatus.VALIDATION_FAILED ? RedisMigrateCommand.EXIT_VALIDATION_ERROR
                : RedisMigrateCommand.EXIT_OK;
    }

    private static RedisEndpoint endpoint(String uri, String secretArn, String option) {
        return uri == null ? null : CloudEndpoints.endpoint(uri, secretArn, option);
    }
}
