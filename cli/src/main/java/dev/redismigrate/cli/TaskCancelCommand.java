package dev.redismigrate.cli;

import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.cloud.SignalRequest;
import dev.redismigrate.core.usecase.cloud.SignalResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancels a cloud task at any phase: a running one stops and its execution restores the parameters"
                + " and unlocks the target; one not started yet is cancelled at once and its waiting execution or schedule stopped.")
final class TaskCancelCommand implements Callable<Integer> {
    @Mixin
    private CloudTaskArguments arguments;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        SignalResult result = task.connectWithExecutions(arguments.cloud()).signalTask()
                .signal(new SignalRequest(arguments.task(), SignalRequest.Action.CANCEL, false));
        spec.commandLine().getOut().printf(result.status() == TaskStatus.CANCELLED
                        ? "task %s (%s) cancelled%n" : "cancel requested for %s (%s); the sync stops and the execution cleans up%n",
                result.name(), result.taskId());
        spec.commandLine().getOut().flush();
        return RedisMigrateCommand.EXIT_OK;
    }
}
