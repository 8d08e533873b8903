package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.cli.console.ConsoleClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code redis-migrate demo --console} in the test's JVM, with the demo's own servers: the printed address serves the
 * console with the ready-made task, the printed endpoints validate, and a stop removes servers and state.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DemoConsoleIT {
    private final StringWriter out = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);

    @Test
    void theDemoConsoleServesAReadyMadeTaskAndWorkingEndpointsAndRemovesEverythingWhenStopped() throws Exception {
        Thread demo = startDemoConsole();
        try {
            ConsoleClient.await(() -> out.toString().contains("Ctrl-C stops") || !demo.isAlive(),
                    "the demo console's address is printed");
            String printed = out.toString();
            assertThat(demo.isAlive()).as(printed).isTrue();
            URI address = URI.create(printed(printed, "open (http://\\S+)"));
            String source = printed(printed, "source endpoint\\s+(redis://\\S+)");
            String target = printed(printed, "target endpoint\\s+(redis://\\S+)");
            Path stateDir = Path.of(printed(printed, "state directory (\\S+)"));
            ConsoleClient api = new ConsoleClient("http://" + address.getHost() + ":" + address.getPort(), null);

            ConsoleClient.Answer tasks = api.get("/api/tasks");
            assertThat(tasks.status()).as(tasks.text()).isEqualTo(200);
            assertThat(tasks.body()).singleElement().satisfies(task -> {
                assertThat(task.get("name").asText()).isEqualTo("demo");
                assertThat(task.get("status").asText()).isEqualTo("VALIDATED");
            });
            ConsoleClient.Answer meta = api.get("/api/meta");
            assertThat(meta.status()).as(meta.text()).isEqualTo(200);
            assertThat(meta.body().get("mode").asText()).isEqualTo("local");
            assertThat(Path.of(meta.body().get("stateDir").asText())).isEqualTo(stateDir.toAbsolutePath());

            ConsoleClient.Answer validation = api.post("/api/validations", ConsoleClient.json(Map.of("name", "mine",
                    "source", Map.of("endpoint", source), "target", Map.of("endpoint", target))));
            assertThat(validation.status()).as(validation.text()).isEqualTo(200);
            assertThat(validation.body().get("errors").asInt()).as(errorsOf(validation.body())).isZero();

            demo.interrupt(); // what Ctrl-C turns into
            demo.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(demo.isAlive()).as("the demo console stopped").isFalse();
            assertThat(exit.get()).as(out.toString()).isZero();
            assertThat(stateDir).doesNotExist();
            for (String endpoint : new String[] {source, target, address.toString()}) {
                URI gone = URI.create(endpoint);
                assertThatThrownBy(() -> connect(gone)).as(endpoint + " no longer answers").isInstanceOf(IOException.class);
            }
        } finally {
            demo.interrupt();
            demo.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    private Thread startDemoConsole() {
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        Thread demo = new Thread(() -> exit.set(cli.execute("demo", "--console", "--port", "0", "--keys", "600",
                "--writes-per-second", "50")), "demo-console");
        demo.start();
        return demo;
    }

    private static String printed(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        assertThat(matcher.find()).as("'" + pattern + "' in:\n" + output).isTrue();
        return matcher.group(1);
    }

    private static String errorsOf(JsonNode validation) {
        StringBuilder errors = new StringBuilder();
        validation.get("results").forEach(r -> {
            if (r.get("severity").asText().equals("ERROR")) {
                errors.append(r.get("id").asText()).append(": ").append(r.get("message").asText()).append('\n');
            }
        });
        return errors.toString();
    }

    private static void connect(URI endpoint) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
        }
    }
}
