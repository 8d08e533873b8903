package dev.redismigrate.cli;

import dev.redismigrate.core.usecase.RequestStop;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "finish", mixinStandardHelpOptions = true,
        description = {"Asks a running migration to finish: it drains to lag 0, verifies source against target,",
                "then stops, restores the source parameters and unlocks the target.",
                "It refuses to stop while verification finds differences, unless --force."})
final class FinishCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TASK", description = "Task id or unique name.")
    private String task;

    @Option(names = "--force", description = "Finish even if verification finds differences (recorded in the task).")
    private boolean force;

    @Mixin
    private StateDirOption stateDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var t = new RequestStop(stateDir.store(), Clock.systemUTC()).finish(task, force);
        spec.commandLine().getOut().printf("finish requested for %s (%s)%s; the running migration drains and stops%n",
                t.name(), t.id(), force ? " with --force" : "");
        spec.commandLine().getOut().flush();
        return RedisMigrateCommand.EXIT_OK;
    }
}
