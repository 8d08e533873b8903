package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.NewTask;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.redisio.verify.JedisVerifier;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code redis-migrate demo}: the embedded default. Throwaway source and target on this machine, a sample dataset of
 * every type, an application writing to the source, the full migration with the live view, a full verification,
 * and everything cleaned up afterwards.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a complete migration on this machine with nothing but a JDK: starts a throwaway source"
                + " and target (Debian's redis-server if installed, else a Redis 7.0 binary from Maven Central),"
                + " loads every data type, keeps writing to the source, migrates with the live view, verifies every"
                + " key, prints a summary and cleans up."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:migrated and verified equal", "1:failed", "4:verification found differences"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keys", paramLabel = "N", defaultValue = "60000",
            description = "About how many keys to load into the source (default: ${DEFAULT-VALUE}).")
    private int keys;

    @Option(names = "--writes-per-second", paramLabel = "N", defaultValue = "200",
            description = "Writes the demo application makes to the source during the migration (default: ${DEFAULT-VALUE}).")
    private int writesPerSecond;

    @Option(names = "--json-progress", description = "Print one JSON object per second instead of the live view.")
    private boolean jsonProgress;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (keys < 1 || writesPerSecond < 1) {
            throw new IllegalArgumentException("--keys and --writes-per-second must be at least 1");
        }
        ProgressView view = new ProgressView(spec.commandLine().getOut(), ProgressView.styleFor(jsonProgress));
        Path stateDir = Files.createTempDirectory("redis-migrate-demo-");
        try (RedisServer source = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
             RedisServer target = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
             var loader = source.client();
             DemoWriter writer = new DemoWriter(source.client(), writesPerSecond)) {
            view.step("source: " + source + ", target: " + target + " (throwaway, removed at the end)");
            long loaded = DemoData.load(loader, keys);
            view.step("loaded " + Units.count(loaded) + " keys of every type into the source; an application now writes "
                    + writesPerSecond + "/s to it");
            writer.start();

            LocalServices services = new LocalServices(new LocalFileTaskStore(stateDir), new LocalSecretResolver(),
                    stateDir.resolve("spool"));
            MigrationTask task = services.createTask().create(new NewTask("demo",
                    SourceSpec.of(RedisUri.parse(source.uri())), TargetSpec.of(RedisUri.parse(target.uri())), null,
                    ParameterCatalogue.defaults()));
            view.validation(task.lastValidation());
            if (task.status() == TaskStatus.VALIDATION_FAILED) {
                return RedisMigrateCommand.EXIT_VALIDATION_ERROR;
            }
            RunningTasks running = new RunningTasks(stateDir.resolve("running"));
            int exit = new LiveRun(services, running, view, true, FinishGates.parse("sample", services), () -> {
                writer.close();
                view.step("in sync: the application stops writing (" + Units.count(writer.writes())
                        + " writes made during the migration), as before a cut-over");
            }).run(task.id(), spec);
            if (exit != RedisMigrateCommand.EXIT_OK) {
                return exit;
            }
            view.step("verifying every key in both directions...");
            VerificationReport report = new JedisVerifier(services.secrets()).verify(RedisUri.parse(source.uri()),
                    RedisUri.parse(target.uri()), VerifyOptions.defaults().withMode(VerifyMode.FULL).withRate(0), p -> { });
            view.step(report.summary());
            return report.consistent() ? RedisMigrateCommand.EXIT_OK : RedisMigrateCommand.EXIT_DIFFERENCES;
        } finally {
            deleteTree(stateDir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
