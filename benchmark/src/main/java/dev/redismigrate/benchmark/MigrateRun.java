package dev.redismigrate.benchmark;

import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One whole {@code redis-migrate migrate --finish-when-synced} through the launcher, from a source into a fresh
 * empty target, with its own state directory: validation, lock, parameters, snapshot, stream, TTL repair,
 * verification, restore and unlock all count.
 */
final class MigrateRun {
    private MigrateRun() {
    }

    static LauncherRun.Result run(BenchOptions options, RedisServer source, String... extraArgs)
            throws IOException, InterruptedException {
        try (RedisServer target = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults())) {
            return into(options, source, target.uri(), extraArgs);
        }
    }

    /** Into the empty target at {@code targetUri} (a standalone server, or any node of a cluster). */
    static LauncherRun.Result into(BenchOptions options, RedisServer source, String targetUri, String... extraArgs)
            throws IOException, InterruptedException {
        Path stateDir = Files.createTempDirectory("bench-state-");
        try {
            List<String> args = new ArrayList<>(List.of("migrate", "--source", source.uri(), "--target", targetUri,
                    "--finish-when-synced", "--json-progress", "--state-dir", stateDir.toString()));
            args.addAll(List.of(extraArgs));
            return LauncherRun.run(options, args.toArray(String[]::new));
        } finally {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
