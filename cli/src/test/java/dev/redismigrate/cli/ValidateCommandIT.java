package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ValidateCommandIT {
    private static final String SOURCE_PW = "src-S3cret-in-uri";
    private static final String TARGET_PW = "tgt-S3cret-in-file";

    @RegisterExtension
    final RedisServers redis = new RedisServers();
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void readyPairExitsZeroAndNeverPrintsAPassword() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password(SOURCE_PW));
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password(TARGET_PW));
        Path passwordFile = Files.writeString(dir.resolve("target.pw"), TARGET_PW + "\n");

        int exit = run("validate", "--source", "redis://:" + SOURCE_PW + "@127.0.0.1:" + source.port(),
                "--target", target.uri(), "--target-password-file", passwordFile.toString(), "--state-dir", dir.toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(0);
        assertThat(out.toString()).contains("Validating redis://127.0.0.1:" + source.port())
                .contains("PASS     target.empty").contains("Ready to migrate.");
        assertThat(err.toString()).contains("warning: the password in --source is visible");
        assertNoPassword();
    }

    @Test
    void errorsExitThreeInTableAndJson() {
        RedisServer source = redis.start();
        RedisServer target = redis.start(RedisVersion.V2_8);
        try (Jedis jedis = target.client()) {
            jedis.set("left", "over");
        }
        String[] args = {"validate", "--source", source.uri(), "--target", target.uri(), "--state-dir", dir.toString()};
        assertThat(run(args)).isEqualTo(3);
        assertThat(out.toString()).contains("ERROR    target.empty").contains("Target db0 holds 1 key.")
                .contains("cannot start until every ERROR is fixed");

        out.getBuffer().setLength(0);
        assertThat(run(append(args, "--json"))).isEqualTo(3);
        JsonNode json = TaskJson.read(out.toString(), JsonNode.class);
        assertThat(json.get("results")).anySatisfy(r -> {
            assertThat(r.get("id").asText()).isEqualTo("target.empty");
            assertThat(r.get("level").asText()).isEqualTo("ERROR");
        });
    }

    @Test
    void wrongPasswordsAreErrorsWithoutEchoingThem() throws Exception {
        RedisServer source = redis.start(RedisVersion.V2_8, RedisServerConfig.defaults().password("something-else"));
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("another-one"));
        Path passwordFile = Files.writeString(dir.resolve("target.pw"), TARGET_PW);
        int exit = run("validate", "--source", "redis://:" + SOURCE_PW + "@127.0.0.1:" + source.port(),
                "--target", "redis://127.0.0.1:" + target.port(), "--target-password-file", passwordFile.toString(),
                "--state-dir", dir.toString(), "--json");
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).contains("source.auth").contains("target.auth").contains("refused the password");
        assertNoPassword();
    }

    @Test
    void usageErrorsExitTwoInOneLine() {
        assertThat(run("validate", "--source", "http://127.0.0.1:1", "--target", "redis://127.0.0.1:2")).isEqualTo(2);
        assertThat(err.toString()).startsWith("redis-migrate: unsupported scheme 'http'");
        assertThat(run("validate", "--source", "redis://127.0.0.1:1")).isEqualTo(2);
        assertThat(run("validate", "--source", "redis://127.0.0.1:1", "--target", "redis://127.0.0.1:2", "--param", "novalue")).isEqualTo(2);
        assertThat(run("validate", "--source", "redis://127.0.0.1:1", "--target", "redis://127.0.0.1:2",
                "--source-password-file", dir.resolve("missing").toString())).isEqualTo(2);
        err.getBuffer().setLength(0);
        assertThat(run("validate", "--source", "redis://127.0.0.1:1", "--target", "redis://127.0.0.1:2", "--start-at", "soon")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("redis-migrate: 'soon' is not a start time; use e.g."
                + " 2025-06-01T22:00:00Z, 2025-06-01T22:00+02:00 or 2025-06-01 22:00 (local time)");
    }

    @Test
    void parametersAndScheduleAreChecked() {
        RedisServer source = redis.start();
        RedisServer target = redis.start();
        int exit = run("validate", "--source", source.uri(), "--target", target.uri(), "--state-dir", dir.toString(),
                "--param", "repl-timeout=10", "--param", "REPL-BACKLOG-SIZE=512mb", "--start-at", "2001-01-01T00:00:00Z");
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).contains("ERROR    task.parameters").contains("repl-timeout = 10 is outside")
                .doesNotContain("repl-backlog-size =").contains("WARNING  task.schedule");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        assertThat(run("validate", "--help")).isEqualTo(0);
        assertThat(out.toString()).contains("Exit codes:").contains("3   at least one check is ERROR")
                .contains("--source-password-file").contains("--param");
    }

    private int run(String... args) {
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void assertNoPassword() {
        for (String secret : new String[] {SOURCE_PW, TARGET_PW}) {
            assertThat(out.toString()).doesNotContain(secret);
            assertThat(err.toString()).doesNotContain(secret);
        }
    }

    private static String[] append(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }
}
