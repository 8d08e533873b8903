package dev.redismigrate.cli;

import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists tasks, newest first.")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the tasks as a JSON array.")
    private boolean json;

    @Mixin
    private StateDirOption stateDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<MigrationTask> tasks = stateDir.store().list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(TaskJson.write(tasks));
        } else if (tasks.isEmpty()) {
            out.println("no tasks");
        } else {
            out.printf("%-12s  %-20s  %-17s  %-28s  %-28s  %s%n", "ID", "NAME", "STATUS", "SOURCE", "TARGET", "CREATED");
            for (MigrationTask t : tasks) {
                out.printf("%-12s  %-20s  %-17s  %-28s  %-28s  %s%n", t.id(), t.name(), t.status(),
                        t.source().endpoint().display(), t.target().endpoint().display(), t.createdAt());
            }
        }
        out.flush();
        return RedisMigrateCommand.EXIT_OK;
    }
}
