package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyCommandIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    record Run(int exit, String out, String err) {
    }

    @Test
    void equalServersExitZeroWithTheCountsAndASummary() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.V2_8, RedisVersion.SYSTEM);
        writeBoth(pair, "k1", "v1");
        writeBoth(pair, "k2", "v2");

        Run run = run(RedisMigrateCommand.commandLine(), "verify", "--source", pair.source().uri(), "--target",
                pair.target().uri(), "--mode", "full");

        assertThat(run.exit()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("  db0: source 2 keys (0 with TTL), target 2 keys (0 with TTL)")
                .endsWith("EQUAL: no differences; full mode, 2 keys compared in 1 database, 1 round\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aClusterSourceIsComparedOnEveryPrimaryAndEachPrimarysCountsArePrinted() {
        RedisCluster source = redis.cluster(RedisVersion.V7_0);
        RedisServer target = redis.start(RedisVersion.V7_0);
        try (JedisCluster s = new JedisCluster(new HostAndPort(source.primaries().get(0).host(),
                source.primaries().get(0).port())); Jedis t = target.client()) {
            for (int i = 0; i < 30; i++) {
                s.set("k" + i, "v" + i);
                t.set("k" + i, "v" + i);
            }
        }

        Run run = run(RedisMigrateCommand.commandLine(), "verify", "--source", source.primaries().get(1).uri(),
                "--target", target.uri(), "--mode", "full");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("  db0: source 30 keys (0 with TTL), target 30 keys (0 with TTL)")
                .endsWith("EQUAL: no differences; full mode, 30 keys compared in 1 database, 1 round\n");
        for (RedisServer primary : source.primaries()) {
            assertThat(run.out()).containsPattern("\n  source primary " + primary.host() + ":" + primary.port()
                    + ": db0 \\d+ keys \\(0 with TTL\\)\n");
        }
    }

    @Test
    void differencesAreListedAndExitFour() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        writeBoth(pair, "k1", "v1");
        try (Jedis s = pair.source().client(); Jedis t = pair.target().client()) {
            t.set("k1", "changed");
            s.set("k2", "only on source");
            s.set("k3", "only on source");
        }

        Run run = run(RedisMigrateCommand.commandLine(), "verify", "--source", pair.source().uri(), "--target",
                pair.target().uri(), "--mode", "FULL", "--rounds", "2", "--round-delay-ms", "10", "--max-shown", "2");

        assertThat(run.exit()).isEqualTo(RedisMigrateCommand.EXIT_DIFFERENCES);
        assertThat(run.out()).contains("db0 VALUE \"k1\": string has 2 bytes on source, 7 on target\ndb0 MISSING_ON_TARGET \"k2\": source string\n")
                .contains("... and 1 more not shown (--max-shown to list more)\n")
                .endsWith("DIFFERENT: 3 differences (2 missing on target, 1 value); full mode, 3 keys compared in"
                        + " 1 database, 2 rounds; 2 shown\n");
    }

    @Test
    void jsonPrintsOnlyTheReport() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        try (Jedis t = pair.target().client()) {
            t.set("extra", "x");
        }

        Run run = run(RedisMigrateCommand.commandLine(), "verify", "--source", pair.source().uri(), "--target",
                pair.target().uri(), "--mode", "counts", "--db", "0", "--rounds", "1", "--json");

        assertThat(run.exit()).isEqualTo(RedisMigrateCommand.EXIT_DIFFERENCES);
        VerificationReport report = TaskJson.read(run.out(), VerificationReport.class);
        assertThat(report.totalDifferences()).isEqualTo(1);
        assertThat(report.differences().get(0).kind()).isEqualTo(DifferenceKind.COUNT);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void mistakesAreUsageErrorsInOneLine() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        String source = pair.source().uri();
        String target = pair.target().uri();

        Run mode = run(RedisMigrateCommand.commandLine(), "verify", "--source", source, "--target", target, "--mode", "everything");
        assertThat(mode.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(mode.err()).contains("unknown verification mode 'everything'; use counts, sample or full");

        Run uri = run(RedisMigrateCommand.commandLine(), "verify", "--source", "http://user:pw@x", "--target", target);
        assertThat(uri.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(uri.err()).isEqualTo("redis-migrate: unsupported scheme 'http' in http://user:***@x; use redis:// or rediss://\n");

        Run rounds = run(RedisMigrateCommand.commandLine(), "verify", "--source", source, "--target", target, "--rounds", "0");
        assertThat(rounds.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(rounds.err()).isEqualTo("redis-migrate: rounds must be at least 1, not 0\n");

        Run missing = run(RedisMigrateCommand.commandLine(), "verify", "--source", source);
        assertThat(missing.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
    }

    @Test
    void anUnreachableServerIsAFailureInOneLine() {
        RedisServer source = redis.start();
        RedisServer gone = redis.start();
        gone.kill();

        Run run = run(RedisMigrateCommand.commandLine(), "verify", "--source", source.uri(), "--target", gone.uri());

        assertThat(run.exit()).isEqualTo(RedisMigrateCommand.EXIT_FAILURE);
        assertThat(run.err()).startsWith("redis-migrate: cannot reach target redis://127.0.0.1:" + gone.port())
                .hasLineCount(1);
    }

    @Test
    void passwordsComeFromAFileOrTheEnvironmentAndNeverShow(@TempDir Path dir) throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("source-secret"));
        RedisServer target = redis.start(RedisVersion.V2_8, RedisServerConfig.defaults().password("target-secret"));
        Path file = Files.writeString(dir.resolve("target-password"), "target-secret\n");

        CommandLine withEnvironment = new CommandLine(new VerifyCommand(
                Map.of(VerifyCommand.SOURCE_PASSWORD_ENV, "source-secret")));
        withEnvironment.setExecutionExceptionHandler(new OneLineErrors());
        Run ok = run(withEnvironment, "--source", source.uri(), "--target", target.uri(), "--target-password-file",
                file.toString());
        assertThat(ok.exit()).as(ok.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);

        CommandLine noEnvironment = new CommandLine(new VerifyCommand(Map.of()));
        noEnvironment.setExecutionExceptionHandler(new OneLineErrors());
        Run wrong = run(noEnvironment, "--source", "redis://:not-it@127.0.0.1:" + source.port(), "--target", target.uri());
        assertThat(wrong.exit()).isEqualTo(RedisMigrateCommand.EXIT_FAILURE);
        assertThat(wrong.err()).startsWith("redis-migrate: source redis://127.0.0.1:" + source.port() + " refused the credentials")
                .doesNotContain("not-it").hasLineCount(1);
    }

    private static Run run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void writeBoth(RedisServers.Pair pair, String key, String value) {
        for (RedisServer server : new RedisServer[] {pair.source(), pair.target()}) {
            try (Jedis jedis = server.client()) {
                jedis.set(key, value);
            }
        }
    }
}
