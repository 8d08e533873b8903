package dev.redismigrate.cli;

import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows one task: status, validation, parameters, lock, progress (offset, lag, key counts).")
final class StatusCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "TASK", description = "Task id or unique name (default: the newest task).")
    private String task;

    @Option(names = "--json", description = "Print the task as JSON.")
    private boolean json;

    @Mixin
    private StateDirOption stateDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        TaskStore store = stateDir.store();
        MigrationTask t = task != null ? store.resolve(task)
                : store.list().stream().findFirst().orElseThrow(() -> new TaskNotFoundException("there are no tasks yet"));
        if (json) {
            spec.commandLine().getOut().println(TaskJson.write(t));
            spec.commandLine().getOut().flush();
        } else {
            TaskPrinter.print(t, spec.commandLine().getOut());
        }
        return RedisMigrateCommand.EXIT_OK;
    }
}
