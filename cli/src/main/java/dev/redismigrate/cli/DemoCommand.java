package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.redisio.verify.JedisVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redis-migrate demo}: the embedded default. Throwaway source and target on this machine, a sample dataset of
 * every type, an application writing to the source, the full migration with the live view, a full verification,
 * and everything cleaned up afterwards; with {@code --console}, the same set-up behind the web console ({@link DemoConsole}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a complete migration on this machine with nothing but a JDK: starts a throwaway source"
                + " and target (Debian's redis-server if installed, else a Redis 7.0 binary from Maven Central),"
                + " loads every data type, keeps writing to the source, migrates with the live view, verifies every"
                + " key, prints a summary and cleans up.",
                "With --console the same servers, data and application serve the web console instead: do the"
                        + " migration in the browser; Ctrl-C stops and removes everything."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:migrated and verified equal", "1:failed", "2:bad usage",
                "4:verification found differences", "5:cancelled (c and Enter, or Ctrl-C, once cleaned up)",
                "130:with --console: stopped with Ctrl-C, after the clean-up (143 with SIGTERM)"})
final class DemoCommand implements Callable<Integer> {
    private static final int DEFAULT_CONSOLE_PORT = 8080;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "60000",
            description = "About how many keys to load into the source (default: ${DEFAULT-VALUE}).")
    private int keys;

    @Option(names = "--writes-per-second", paramLabel = "N", defaultValue = "200",
            description = "Writes the demo application makes to the source during the migration (default: ${DEFAULT-VALUE}).")
    private int writesPerSecond;

    @Option(names = "--json-progress", description = "Print one JSON object per second instead of the live view.")
    private boolean jsonProgress;

    @Option(names = "--console", description = "Instead of migrating in the terminal: start the web console on"
            + " 127.0.0.1 with a ready-made task from the source into the target (validated: open it and press Start),"
            + " print its address and both endpoints, and keep everything running until Ctrl-C.")
    private boolean console;

    @Option(names = "--port", paramLabel = "PORT",
            description = "With --console: the port to listen on (default: " + DEFAULT_CONSOLE_PORT + "; 0 picks a free one).")
    private Integer port;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (keys < 1 || writesPerSecond < 1) {
            throw new IllegalArgumentException("--keys and --writes-per-second must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (console) {
            if (jsonProgress) {
                throw new IllegalArgumentException("--json-progress goes without --console: the console shows the progress");
            }
            return new DemoConsole(keys, writesPerSecond, port == null ? DEFAULT_CONSOLE_PORT : port, out,
                    spec.commandLine().getErr()).run();
        }
        if (port != null) {
            throw new IllegalArgumentException("--port goes with --console");
        }
        ProgressView view = new ProgressView(out, ProgressView.styleFor(jsonProgress));
        try (ThrowawayStateDir stateDir = ThrowawayStateDir.create(spec.commandLine().getErr());
             DemoServers demo = DemoServers.start(keys, writesPerSecond, view::step)) {
            LocalServices services = stateDir.services();
            MigrationTask task = demo.createTask(services);
            view.validation(task.lastValidation());
            if (task.status() == TaskStatus.VALIDATION_FAILED) {
                return RedisMigrateCommand.EXIT_VALIDATION_ERROR;
            }
            RunningTasks running = StateDirOption.at(stateDir.dir()).runningTasks();
            DemoWriter writer = demo.writer();
            int exit = new LiveRun(services, running, view, true, FinishGates.parse("sample", services), () -> {
                writer.close();
                view.step("in sync: the application stops writing (" + Units.count(writer.writes())
                        + " writes made during the migration), as before a cut-over");
            }).run(task.id(), spec);
            if (exit != RedisMigrateCommand.EXIT_OK) {
                return exit;
            }
            view.step("verifying every key in both directions...");
            RedisEndpoint source = RedisUri.parse(demo.source().uri());
            RedisEndpoint target = RedisUri.parse(demo.target().uri());
            VerificationReport report = new JedisVerifier(services.secrets()).verify(source, target,
                    VerifyOptions.defaults().withMode(VerifyMode.FULL).withRate(0), p -> { });
            view.step(report.summary());
            return report.consistent() ? RedisMigrateCommand.EXIT_OK : RedisMigrateCommand.EXIT_DIFFERENCES;
        }
    }
}
