package dev.redismigrate.cli;

import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.RequestStop;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancels a task at any phase; a running migration still restores the parameters and unlocks the target.")
final class CancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TASK", description = "Task id or unique name.")
    private String task;

    @Mixin
    private StateDirOption stateDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var t = new RequestStop(stateDir.store(), Clock.systemUTC()).cancel(task);
        spec.commandLine().getOut().printf(t.status() == TaskStatus.CANCELLED
                ? "task %s (%s) cancelled%n" : "cancel requested for %s (%s); the running migration stops and cleans up%n",
                t.name(), t.id());
        spec.commandLine().getOut().flush();
        return RedisMigrateCommand.EXIT_OK;
    }
}
