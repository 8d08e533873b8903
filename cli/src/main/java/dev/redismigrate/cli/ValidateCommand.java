package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.StartTime;
import dev.redismigrate.core.usecase.ValidateTask;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.redisio.probe.JedisInstanceProbe;
import dev.redismigrate.redisio.probe.ProbeSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redis-migrate validate}: runs the validation catalogue for a source and target without creating a task. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Checks that a source can be migrated into a target: connectivity, versions, replication"
                + " permissions, an empty and large enough target, the source parameters, and no other task on the"
                + " same target. Nothing is changed on either instance and no task is created.",
                "Each check is PASS, WARNING (the migration may run; read it), ERROR (it cannot) or SKIPPED (with"
                        + " the reason). See docs/validation.md for the catalogue."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no ERROR (warnings allowed)",
                "1:unexpected failure",
                "2:bad usage (unknown option, bad URI, unreadable password file, ...)",
                "3:at least one check is ERROR"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private EndpointOptions endpoints;

    @Mixin
    private TargetLockOptions lockOptions;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A source parameter to set during the migration instead of its default"
                    + " (client-output-buffer-limit, repl-backlog-size, repl-timeout). Repeatable.")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "A scheduled start to check: 2025-06-01T22:00:00Z, 2025-06-01T22:00+02:00 or 2025-06-01 22:00"
                    + " (local time).")
    private String startAt;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    private boolean json;

    /** The local tasks, to check that none already migrates into the target. */
    @Mixin
    private StateDirOption state;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "Limit for resolving and connecting to each instance (default: ${DEFAULT-VALUE}).")
    private int connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Limit for each reply (default: ${DEFAULT-VALUE}).")
    private int readTimeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (connectTimeout < 1 || readTimeout < 1) {
            throw new IllegalArgumentException("--connect-timeout and --read-timeout must be at least 1 second");
        }
        Clock clock = Clock.systemUTC();
        Instant start = startAt == null ? null : StartTime.parse(startAt, ZoneId.systemDefault());
        MigrationTask task = MigrationTask.create("validate", endpoints.sourceSpec(),
                lockOptions.applyTo(endpoints.targetSpec()), start, ParameterCatalogue.defaultsWith(parameters),
                clock.instant());
        endpoints.warnings().forEach(w -> err.println("redis-migrate: warning: " + w));

        ProbeSettings settings = new ProbeSettings(Duration.ofSeconds(connectTimeout), Duration.ofSeconds(readTimeout),
                ProbeSettings.defaults().typeScanBudget());
        ValidationReport report = new ValidateTask(new JedisInstanceProbe(settings), state.store(), new LocalCloudChecks(),
                new LocalSecretResolver(), clock).validate(task);

        if (json) {
            out.println(TaskJson.write(report));
        } else {
            out.println("Validating " + task.source().endpoint().display() + " -> " + task.target().endpoint().display());
            out.println();
            ReportTable.print(report, terminalWidth(), out);
        }
        out.flush();
        return report.hasErrors() ? RedisMigrateCommand.EXIT_VALIDATION_ERROR : RedisMigrateCommand.EXIT_OK;
    }

    private static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 110 : Math.max(60, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return 110;
        }
    }
}
