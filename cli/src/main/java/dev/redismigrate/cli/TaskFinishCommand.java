package dev.redismigrate.cli;

import dev.redismigrate.core.usecase.cloud.SignalRequest;
import dev.redismigrate.core.usecase.cloud.SignalResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "finish", mixinStandardHelpOptions = true,
        description = {"Asks a cloud task's sync to finish: it drains to lag 0, verifies, stops; the execution then",
                "restores the source parameters and unlocks the target. Refused while verification finds differences, unless --force."})
final class TaskFinishCommand implements Callable<Integer> {
    @Option(names = "--force", description = "Finish even if verification finds differences (recorded in the task).")
    private boolean force;

    @Mixin
    private CloudTaskArguments arguments;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        SignalResult result = task.connect(arguments.cloud()).signalTask()
                .signal(new SignalRequest(arguments.task(), SignalRequest.Action.FINISH, force));
        spec.commandLine().getOut().printf("finish requested for %s (%s)%s; the sync drains and stops%n",
                result.name(), result.taskId(), force ? " with --force" : "");
        spec.commandLine().getOut().flush();
        return RedisMigrateCommand.EXIT_OK;
    }
}
