package dev.redismigrate.cli;

import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
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
        print(stateDir.store().list(), json, LockView.LOCAL_UNLOCK, spec.commandLine().getOut());
        return RedisMigrateCommand.EXIT_OK;
    }

    /** The task table (or JSON array) of {@code list} and {@code task list}; a target left locked is named below it. */
    static void print(List<MigrationTask> tasks, boolean json, String unlockCommand, PrintWriter out) {
        if (json) {
            out.println(TaskJson.write(tasks));
        } else if (tasks.isEmpty()) {
            out.println("no tasks");
        } else {
            String row = "%-12s  %-20s  %-17s  %-16s  %-28s  %-28s  %s%n";
            out.printf(row, "ID", "NAME", "STATUS", "LOCK", "SOURCE", "TARGET", "CREATED");
            for (MigrationTask t : tasks) {
                out.printf(row, t.id(), t.name(), t.status(), LockView.column(t), t.source().endpoint().display(),
                        t.target().endpoint().display(), t.createdAt());
            }
            tasks.stream().map(t -> LockView.stillLocked(t, unlockCommand)).filter(Objects::nonNull)
                    .forEach(line -> out.println("WARNING " + line));
        }
        out.flush();
    }
}
