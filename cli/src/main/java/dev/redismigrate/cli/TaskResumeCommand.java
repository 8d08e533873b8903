package dev.redismigrate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Restarts a FAILED cloud task from the checkpoint its target holds, in a new execution"
                + " (mig-<id>-2, -3, ...): the lock and the source parameters are put in place again and the sync"
                + " continues where the target is (a full resync when the source no longer has the missing part).",
                "A CANCELLED task is not resumed: cancel is final and released the target; create a new task (and"
                        + " empty the target first). A task whose execution still runs is refused."})
final class TaskResumeCommand implements Callable<Integer> {
    @Mixin
    private CloudTaskArguments arguments;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        TaskStartCommand.print(task.connectWithExecutions(arguments.cloud()).resumeCloudTask().resume(arguments.task()),
                spec.commandLine().getOut());
        return RedisMigrateCommand.EXIT_OK;
    }
}
