package dev.redismigrate.cli.console;

import dev.redismigrate.cli.FinishGates;
import dev.redismigrate.cli.LocalServices;
import dev.redismigrate.cli.RedisMigrateCommand;
import dev.redismigrate.cli.RunningTasks;
import dev.redismigrate.cli.StateDirOption;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.redisio.verify.JedisVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The local console put together: the local composition ({@link LocalServices}) over the state directory, the runs in
 * this process, the supervisor, and the HTTP server. The token exists only when bound to a non-loopback address.
 */
public final class LocalConsole implements AutoCloseable {
    private final ConsoleServer server;
    private final ConsoleToken token;
    private final String host;

    private LocalConsole(ConsoleServer server, ConsoleToken token, String host) {
        this.server = server;
        this.token = token;
        this.host = host;
    }

    /**
     * Starts serving and running tasks; {@code port} 0 picks a free one. The runs' steps go to {@code out}, one line
     * each (never a password: steps do not carry any).
     */
    public static LocalConsole start(StateDirOption state, InetAddress bind, int port, PrintWriter out)
            throws IOException {
        Clock clock = Clock.systemUTC();
        LocalServices services = new LocalServices(state.store(), new LocalSecretResolver(), state.spoolDir());
        RunningTasks running = state.runningTasks();
        TaskEvents events = new TaskEvents();
        BackgroundRuns runs = new BackgroundRuns(services, running, FinishGates.parse(VerifyMode.SAMPLE.label(), services),
                (taskId, step) -> {
                    events.add(taskId, new TaskEvents.Event(clock.instant(), "step", step));
                    out.println(taskId + ": " + step);
                    out.flush();
                });
        PasswordFiles passwords = new PasswordFiles(state.dir().resolve("secrets"));
        LocalBackend backend = new LocalBackend(services, passwords, runs, new JedisVerifier(services.secrets()), events,
                clock);
        TaskViews views = new TaskViews(events, backend::lastVerification);
        ProgressSeries series = new ProgressSeries();
        EventStream stream = new EventStream();
        ConsoleSupervisor supervisor = new ConsoleSupervisor(services.store(), runs, running, series, events, stream,
                views, passwords, clock);
        ConsoleToken token = isLocalOnly(bind) ? null : ConsoleToken.random();
        ApiHandler api = new ApiHandler(backend, views, series, stream, Map.of("mode", backend.mode(),
                "version", RedisMigrateCommand.class.getAnnotation(Command.class).version()[0],
                "stateDir", state.dir().toAbsolutePath().toString()));
        ConsoleServer server = ConsoleServer.start(bind, port, token, api, supervisor, stream, runs);
        String host = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
        return new LocalConsole(server, token, host);
    }

    /** 127.0.0.1 and ::1 only: other loopback addresses are what containers and port forwards tend to expose. */
    static boolean isLocalOnly(InetAddress bind) {
        return bind.getHostAddress().equals("127.0.0.1") || bind.getHostAddress().equals("0:0:0:0:0:0:0:1");
    }

    public int port() {
        return server.port();
    }

    /** The address to open, with the token when one is needed: printed once at start, never logged. */
    public String addressToOpen() {
        String base = "http://" + host + ":" + port() + "/";
        return token == null ? base : base + "?token=" + token.reveal();
    }

    /** For tests and scripts of this process: the token, or null on loopback. */
    public String token() {
        return token == null ? null : token.reveal();
    }

    @Override
    public void close() {
        server.close();
    }
}
