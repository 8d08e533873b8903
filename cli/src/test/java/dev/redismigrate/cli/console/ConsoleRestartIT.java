package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.cli.RedisMigrateCommand;
import dev.redismigrate.cli.StateDirOption;
import dev.redismigrate.testkit.RedisServers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;

/**
 * A console killed with -9 while it syncs a task: the next console on the same state directory picks the task up and
 * resumes it from the target's checkpoint; meanwhile the CLI cannot run the task too, and its finish works.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleRestartIT {
    private static final Pattern ADDRESS = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+)/");

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    @Test
    void aRestartedConsoleResumesTheSyncItWasRunning() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        try (Jedis s = pair.source().client()) {
            s.set("before", "1");
        }
        Path log = stateDir.resolve("first-console.log");
        Process first = startConsoleProcess(log);
        String id;
        try {
            ConsoleClient firstApi = new ConsoleClient(awaitAddress(first, log), null);
            ConsoleClient.Answer created = firstApi.post("/api/tasks", ConsoleClient.json(ConsoleApiIT.form("survivor",
                    pair.source(), null, pair.target(), true)));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            id = created.body().get("id").asText();
            assertThat(firstApi.post("/api/tasks/" + id + "/start", "{}").status()).isEqualTo(200);
            firstApi.awaitTask(id, t -> "INCREMENTAL".equals(t.path("phase").asText()), "the first console syncs");
        } finally {
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Jedis s = pair.source().client()) {
            s.set("while-down", "2");
        }

        try (Console second = Console.local(StateDirOption.at(stateDir), InetAddress.getByName("127.0.0.1"), 0,
                new PrintWriter(new StringWriter(), true))) {
            ConsoleClient api = new ConsoleClient("http://127.0.0.1:" + second.port(), null);
            JsonNode resumed = api.awaitTask(id, t -> t.get("events").toString().contains("picked-up")
                    && "INCREMENTAL".equals(t.path("phase").asText()), "the second console resumes the sync");
            assertThat(resumed.get("status").asText()).isEqualTo("SYNCING");
            ConsoleClient.await(() -> {
                try (Jedis t = pair.target().client()) {
                    return "2".equals(t.get("while-down"));
                }
            }, "the write made while no console ran reaches the target");

            Run resumeBeside = cli("resume", id);
            assertThat(resumeBeside.exit()).as(resumeBeside.err()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
            assertThat(resumeBeside.err()).contains("already run by process " + ProcessHandle.current().pid());

            Run finish = cli("finish", id);
            assertThat(finish.exit()).as(finish.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
            api.awaitTask(id, t -> t.get("status").asText().equals("FINISHED"), "finished through the CLI");
        }
        try (Jedis t = pair.target().client()) {
            assertThat(t.mget("before", "while-down")).containsExactly("1", "2");
        }
    }

    private Process startConsoleProcess(Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.redismigrate.cli.Main", "console", "--port", "0",
                "--state-dir", stateDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String awaitAddress(Process process, Path log) {
        String[] address = new String[1];
        ConsoleClient.await(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the console exited with " + process.exitValue() + ": " + read(log));
            }
            Matcher m = ADDRESS.matcher(read(log));
            return m.find() && (address[0] = m.group(1)) != null;
        }, "the console prints its address");
        return address[0];
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private record Run(int exit, String err) {
    }

    private Run cli(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        String[] withState = Stream.concat(Arrays.stream(args),
                Stream.of("--state-dir", stateDir.toString())).toArray(String[]::new);
        return new Run(cli.execute(withState), err.toString());
    }
}
