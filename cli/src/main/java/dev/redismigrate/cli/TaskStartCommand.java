package dev.redismigrate.cli;

import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.cloud.StartedRun;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Starts a VALIDATED cloud task (after an edit, or one created with --no-start): its execution"
                + " starts now, waits for the scheduled start within a week, or an EventBridge schedule starts it"
                + " further ahead. Each run has an execution of its own: mig-<id>, then mig-<id>-2, ...")
final class TaskStartCommand implements Callable<Integer> {
    @Mixin
    private CloudTaskArguments arguments;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        print(task.connectWithExecutions(arguments.cloud()).startCloudTask().start(arguments.task()), spec.commandLine().getOut());
        return RedisMigrateCommand.EXIT_OK;
    }

    /** The run that was started (or resumed): the task, then its execution or schedule. */
    static void print(StartedRun run, PrintWriter out) {
        out.printf("task      %s (%s) %s%n", run.name(), run.taskId(), run.status());
        if (run.scheduled()) {
            out.printf("scheduled EventBridge schedule %s starts execution %s at %s%n", run.executionName(),
                    run.executionName(), run.startsAt());
        } else {
            out.printf("started   execution %s%s%n", run.executionName(),
                    run.status() == TaskStatus.SCHEDULED ? ", waiting until " + run.startsAt() : "");
        }
        out.flush();
    }
}
