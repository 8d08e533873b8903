package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskEdit;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redis-migrate edit}: new settings for a local task that has not started, validated again at once. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Changes a task that has not started (CREATED, VALIDATED, VALIDATION_FAILED, SCHEDULED) and"
                + " validates it again at once; prints the new report. The task is left VALIDATED (or"
                + " VALIDATION_FAILED) and not started: start it with `redis-migrate start TASK`.",
                "A new --source or --target keeps the stored password reference unless the URI, its password file or"
                        + " $REDIS_MIGRATE_*_PASSWORD gives one."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:edited, no ERROR", "1:unexpected failure",
                "2:bad usage (unknown task, a task that has started, bad URI)", "3:validation found an ERROR"})
final class EditCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TASK", description = "Task id or unique name.")
    private String taskIdOrName;

    @Option(names = "--source", paramLabel = "URI", description = "New source, redis://[user[:password]@]host:port.")
    private String source;

    @Option(names = "--source-password-file", paramLabel = "FILE", description = "Read the source password from FILE.")
    private Path sourcePasswordFile;

    @Option(names = "--target", paramLabel = "URI", description = "New target, same form as --source.")
    private String target;

    @Option(names = "--target-password-file", paramLabel = "FILE", description = "Read the target password from FILE.")
    private Path targetPasswordFile;

    @Option(names = "--json", description = "Print the edited task as JSON.")
    private boolean json;

    @Mixin
    private TaskEditOptions changes;

    @Mixin
    private StateDirOption stateDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        TaskEdit edit = changes.edit(
                endpoint("--source", source, sourcePasswordFile, EndpointOptions.SOURCE_PASSWORD_ENV, env),
                source == null && sourcePasswordFile != null ? EndpointOptions.passwordFile(sourcePasswordFile) : null,
                endpoint("--target", target, targetPasswordFile, EndpointOptions.TARGET_PASSWORD_ENV, env),
                target == null && targetPasswordFile != null ? EndpointOptions.passwordFile(targetPasswordFile) : null);
        TaskStore store = stateDir.store();
        MigrationTask before = store.resolve(taskIdOrName);
        LocalServices services = new LocalServices(store, new LocalSecretResolver(), stateDir.spoolDir());
        MigrationTask task = services.editTask().edit(before.id(), edit);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(TaskJson.write(task));
        } else {
            out.printf("task      %s (%s) %s%n", task.name(), task.id(), task.status());
            TaskPrinter.printValidation(task.lastValidation(), out);
            out.println(task.status() == TaskStatus.VALIDATION_FAILED
                    ? "not started: fix the errors and edit the task again"
                    : "not started: start it with redis-migrate start " + task.id());
        }
        out.flush();
        return task.status() == TaskStatus.VALIDATION_FAILED ? RedisMigrateCommand.EXIT_VALIDATION_ERROR
                : RedisMigrateCommand.EXIT_OK;
    }

    private RedisEndpoint endpoint(String option, String uri, Path passwordFile, String env, Map<String, String> environment) {
        if (uri == null) {
            return null;
        }
        if (RedisUri.parse(uri).password() instanceof SecretRef.ProcessOnly) {
            spec.commandLine().getErr().println("redis-migrate: warning: the password in " + option + " is visible to"
                    + " other users of this machine (ps) and is not stored; prefer " + option + "-password-file");
        }
        return EndpointOptions.endpoint(option, uri, passwordFile, env, environment);
    }
}
