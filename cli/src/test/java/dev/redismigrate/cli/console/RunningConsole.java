package dev.redismigrate.cli.console;

import dev.redismigrate.cli.StateDirOption;
import dev.redismigrate.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real console ({@link Console#local}, what {@code redis-migrate console} starts) in the test's JVM on a free port
 * of 127.0.0.1, over the test's state directory. The runs' steps go to {@code target/screenshots/NAME-console.log}.
 */
final class RunningConsole implements AutoCloseable {
    private final Console console;
    private final PrintWriter log;

    private RunningConsole(Console console, PrintWriter log) {
        this.console = console;
        this.log = log;
    }

    static RunningConsole start(Path stateDir, String name) {
        try {
            Files.createDirectories(ConsoleBrowser.SCREENSHOTS);
            PrintWriter log = new PrintWriter(Files.newBufferedWriter(ConsoleBrowser.SCREENSHOTS.resolve(name + "-console.log"),
                    StandardCharsets.UTF_8), true);
            return new RunningConsole(Console.local(StateDirOption.at(stateDir), InetAddress.getByName(LoopbackPorts.HOST),
                    0, log), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://" + LoopbackPorts.HOST + ":" + console.port();
    }

    @Override
    public void close() {
        console.close();
        log.close();
    }
}
