package dev.redismigrate.cli;

import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redis-migrate task status}: one task as the sync container reports it into DynamoDB, once or live. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a cloud task: status, validation, parameters, lock, and the sync's progress (phase,"
                + " replication offset, lag, source and target key counts). --watch follows it until it ends.")
final class TaskStatusCommand implements Callable<Integer> {
    @Option(names = "--watch", description = "Print a progress line every --every seconds until the task ends (Ctrl-C stops watching, not the task).")
    private boolean watch;

    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "2", description = "Seconds between lines with --watch (default 2).")
    private int everySeconds;

    @Option(names = "--json", description = "Print the task as JSON.")
    private boolean json;

    @Mixin
    private CloudTaskArguments arguments;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        TaskStore store = task.connect(arguments.cloud()).store();
        PrintWriter out = spec.commandLine().getOut();
        MigrationTask t = store.resolve(arguments.task());
        while (watch && !t.status().isFinal()) {
            out.printf("%s  %-17s %s%n", java.time.LocalTime.now().withNano(0), t.status(),
                    t.progress() == null ? "" : ProgressView.render(t.progress()));
            ShardLines.of(t).forEach(line -> out.printf("  %s%n", line));
            out.flush();
            Thread.sleep(Duration.ofSeconds(Math.max(1, everySeconds)).toMillis());
            t = store.resolve(t.id());
        }
        if (json) {
            out.println(TaskJson.write(t));
            out.flush();
        } else {
            TaskPrinter.print(t, out, LockView.CLOUD_UNLOCK);
        }
        return RedisMigrateCommand.EXIT_OK;
    }
}
