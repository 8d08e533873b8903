package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.StartTime;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.NewTask;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redis-migrate migrate}: the whole migration on this machine, with the live view. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Creates a task and runs it here: validates (stops on ERROR, shows WARNINGs), waits for the"
                + " scheduled time if any, validates again, locks the target, sets the source parameters, copies the"
                + " snapshot and then the live command stream until you finish, then restores the parameters and"
                + " unlocks the target.",
                "Finish with `redis-migrate finish TASK` from another terminal, by typing f and Enter here, or with"
                        + " --finish-when-synced. Cancel with `redis-migrate cancel TASK`, c and Enter, or Ctrl-C:"
                        + " every path restores the parameters and unlocks the target."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:finished", "1:failed (the cause is printed and kept in the task)", "2:bad usage",
                "3:validation found an ERROR (nothing was changed)", "5:cancelled (also by Ctrl-C, once cleaned up)"})
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    private EndpointOptions endpoints;

    @Mixin
    private TargetLockOptions lockOptions;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Task name, at most 100 characters, no control characters (default: migration-<id>).")
    private String name;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Scheduled start, e.g. 2026-12-01T22:00:00Z or 2026-12-01 22:00 (local time); a past time starts now.")
    private String startAt;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A source parameter to set during the migration instead of its default. Repeatable.")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Mixin
    private RunOptions run;

    @Mixin
    private StateDirOption stateDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        endpoints.warnings().forEach(w -> err.println("redis-migrate: warning: " + w));
        Instant start = startAt == null ? null : StartTime.parse(startAt, ZoneId.systemDefault());
        LocalServices services = new LocalServices(stateDir.store(), new LocalSecretResolver(),
                run.syncSettings(stateDir.spoolDir()));
        ProgressView view = run.view(spec);
        LiveRun live = run.liveRun(services, stateDir.runningTasks(), view); // a bad --verify is reported before any task exists

        MigrationTask task = services.createTask().create(new NewTask(name, endpoints.sourceSpec(),
                lockOptions.applyTo(endpoints.targetSpec()), start, ParameterCatalogue.defaultsWith(parameters)));
        view.step("task " + task.name() + " (" + task.id() + ") created");
        view.validation(task.lastValidation());
        if (task.status() == TaskStatus.VALIDATION_FAILED) {
            view.step("validation found errors: nothing was changed");
            return RedisMigrateCommand.EXIT_VALIDATION_ERROR;
        }
        return live.run(task.id(), spec);
    }
}
