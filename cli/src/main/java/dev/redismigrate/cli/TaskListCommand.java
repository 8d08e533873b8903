package dev.redismigrate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the cloud tasks, newest first.")
final class TaskListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the tasks as a JSON array.")
    private boolean json;

    @Mixin
    private CloudOptions cloud;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ListCommand.print(task.connect(cloud).store().list(), json, LockView.CLOUD_UNLOCK, spec.commandLine().getOut());
        return RedisMigrateCommand.EXIT_OK;
    }
}
