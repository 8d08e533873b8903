package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.cli.RedisMigrateCommand;
import dev.redismigrate.cli.StateDirOption;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Who may use the console: bound to 127.0.0.2 (not 127.0.0.1, so "not localhost" to the console) every API call needs
 * the token; bound to 127.0.0.1 a request addressed by another host name is refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleAccessIT {
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @TempDir
    Path stateDir;

    @Test
    void boundToAnotherAddressEveryApiCallNeedsTheToken() throws Exception {
        StringWriter out = new StringWriter();
        try (Console console = Console.local(StateDirOption.at(stateDir), InetAddress.getByName("127.0.0.2"),
                0, new PrintWriter(out, true))) {
            String base = "http://127.0.0.2:" + console.port();
            String token = console.token();
            assertThat(token).isNotBlank();
            assertThat(console.addressToOpen()).isEqualTo(base + "/?token=" + token);
            ConsoleClient anonymous = new ConsoleClient(base, null);

            assertThat(anonymous.get("/api/tasks").status()).isEqualTo(401);
            assertThat(anonymous.get("/api/tasks").error()).contains("token");
            assertThat(new ConsoleClient(base, token + "x").get("/api/tasks").status()).isEqualTo(401);
            assertThat(new ConsoleClient(base, token).get("/api/tasks").status()).isEqualTo(200);
            assertThat(anonymous.get("/?token=wrong").status()).isEqualTo(401);
            assertThat(anonymous.get("/").status()).as("the pages hold no data").isNotEqualTo(401);

            ConsoleClient.Answer signIn = anonymous.get("/?token=" + token);
            assertThat(signIn.status()).isEqualTo(303);
            assertThat(signIn.response().headers().firstValue("Location")).contains("/");
            String cookie = signIn.response().headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("rm_token=" + token).contains("HttpOnly").contains("SameSite=Strict");
            assertThat(anonymous.send(anonymous.request("/api/meta").header("Cookie", "rm_token=" + token).GET())
                    .body().get("mode").asText()).isEqualTo("local");
            assertThat(out.toString()).doesNotContain(token);
        }
    }

    @Test
    void boundToLoopbackARequestAddressedByAnotherNameIsRefused() throws Exception {
        try (Console console = Console.local(StateDirOption.at(stateDir), InetAddress.getByName("127.0.0.1"),
                0, new PrintWriter(new StringWriter()))) {
            assertThat(console.token()).isNull();
            assertThat(statusLine(console.port(), "rebound.example:" + console.port(), ANSWER)).contains(" 403 ");
            assertThat(statusLine(console.port(), "localhost:" + console.port(), ANSWER)).contains(" 200 ");
        }
    }

    @Test
    void aRequestThatNamesAnotherTypeThanJsonIsRefusedEvenWithoutABody() throws Exception {
        try (Console console = Console.local(StateDirOption.at(stateDir), InetAddress.getByName("127.0.0.1"),
                0, new PrintWriter(new StringWriter()))) {
            ConsoleClient api = new ConsoleClient("http://127.0.0.1:" + console.port(), null);

            // what a cross-site <form enctype="text/plain"> with no fields sends
            ConsoleClient.Answer formPost = api.send(api.request("/api/validations")
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()));
            ConsoleClient.Answer bare = api.send(api.request("/api/validations").POST(HttpRequest.BodyPublishers.noBody()));

            assertThat(formPost.status()).as(formPost.text()).isEqualTo(415);
            assertThat(bare.status()).as("an empty body needs no type (curl -X POST)").isEqualTo(400);
            assertThat(bare.body().get("field").asText()).isEqualTo("source");
        }
    }

    @Test
    void aWrongMethodIs405NamingTheMethodsThePathTakesAndAnUnknownActionOrADirectoryIs404() throws Exception {
        try (Console console = Console.local(StateDirOption.at(stateDir), InetAddress.getByName("127.0.0.1"),
                0, new PrintWriter(new StringWriter()))) {
            ConsoleClient api = new ConsoleClient("http://127.0.0.1:" + console.port(), null);

            ConsoleClient.Answer deleteAll = api.send(api.request("/api/tasks").DELETE());
            ConsoleClient.Answer getCancel = api.get("/api/tasks/nosuchtask/cancel");
            ConsoleClient.Answer postPage = api.send(api.request("/").POST(HttpRequest.BodyPublishers.noBody()));

            assertThat(deleteAll.status()).isEqualTo(405);
            assertThat(deleteAll.response().headers().firstValue("Allow")).contains("GET, POST");
            assertThat(deleteAll.error()).contains("use GET, POST");
            assertThat(getCancel.status()).isEqualTo(405);
            assertThat(getCancel.response().headers().firstValue("Allow")).contains("POST");
            assertThat(postPage.status()).isEqualTo(405);
            assertThat(postPage.response().headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(api.get("/js").status()).as("a directory of the pages").isEqualTo(404);
            assertThat(api.get("/js/app.js").status()).isEqualTo(200);
            assertThat(api.get("/api/tasks/nosuchtask/bogus").status()).isEqualTo(404);
            assertThat(api.get("/api/tasks/nosuchtask/bogus").error()).contains("no task action 'bogus'");
        }
    }

    @Test
    void clientsThatStopMidRequestAreCutOffSoTheyCannotHoldEveryThread() throws Exception {
        try (Console console = Console.local(StateDirOption.at(stateDir), InetAddress.getByName("127.0.0.1"),
                0, new PrintWriter(new StringWriter()))) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) { // more than the console's 32 threads, each reading one of them
                    Socket socket = new Socket("127.0.0.1", console.port());
                    socket.getOutputStream().write("GET /api/meta HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
                    stalled.add(socket);
                }
                Duration patience = ConsoleServer.REQUEST_TIMEOUT.multipliedBy(3);

                for (Socket socket : stalled) {
                    socket.setSoTimeout((int) patience.toMillis());
                    assertThat(closedByTheConsole(socket)).isTrue();
                }
                assertThat(statusLine(console.port(), "localhost:" + console.port(), ANSWER)).contains(" 200 ");
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aTakenPortFailsInOneLineThatSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Console.local(StateDirOption.at(stateDir), InetAddress.getByName("127.0.0.1"),
                    taken.getLocalPort(), new PrintWriter(new StringWriter())))
                    .isInstanceOfSatisfying(IllegalStateException.class, e -> assertThat(e.getMessage())
                            .contains("port " + taken.getLocalPort()).contains("give another --port (0 picks a free one)")
                            .doesNotContain("--bind").doesNotContain("\n"));
        }
    }

    @Test
    void anAddressOfAnotherMachineIsRefusedBeforeListening() {
        StringWriter err = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));

        // 192.0.2.1 is TEST-NET-1: never an address of this machine
        int exit = cli.execute("console", "--bind", "192.0.2.1", "--port", "0", "--state-dir", stateDir.toString());

        assertThat(exit).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("--bind 192.0.2.1 is not an address of this machine").doesNotContain("port");
    }

    /** End of stream, or a reset for a connection the console closed before reading what was sent (a read timeout fails). */
    private static boolean closedByTheConsole(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** A raw request: java.net.http does not let a caller choose the Host header. */
    private static String statusLine(int port, String host, Duration patience) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) patience.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/meta HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
