package dev.redismigrate.cli.console;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.cli.DeployedFunction;
import dev.redismigrate.cli.FinishGates;
import dev.redismigrate.cli.LocalServices;
import dev.redismigrate.cli.RedisMigrateCommand;
import dev.redismigrate.cli.RunningTasks;
import dev.redismigrate.cli.StateDirOption;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.redisio.verify.JedisVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The console put together over one composition: {@link #local} (the state directory, runs in this process) or
 * {@link #cloud} (the stack's table and functions); the same API, supervisor and HTTP server over both. The token
 * exists only when bound to a non-loopback address.
 */
public final class Console implements AutoCloseable {
    private final ConsoleServer server;
    private final ConsoleToken token;
    private final String host;

    private Console(ConsoleServer server, ConsoleToken token, String host) {
        this.server = server;
        this.token = token;
        this.host = host;
    }

    /**
     * The local console: starts serving and running tasks; {@code port} 0 picks a free one, a port that is taken fails
     * in one line. The runs' steps go to
     * {@code out}, one line each (steps carry no password).
     */
    public static Console local(StateDirOption state, InetAddress bind, int port, PrintWriter out) throws IOException {
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
        Map<String, Object> meta = new HashMap<>();
        meta.put("stateDir", state.dir().toAbsolutePath().toString());
        return serve(backend, events, new LocalTaskKeeper(runs, running, passwords, events, clock), runs, meta, bind,
                port);
    }

    /**
     * The console over the deployed stack: tasks in its table, created and edited through its functions (invoked
     * with {@code lambda}), started, finished and cancelled as {@code redis-migrate task ...} does.
     *
     * @param createFunction the create-task function's ARN (or name)
     * @param editFunction the edit-task function's ARN (or name)
     */
    public static Console cloud(CloudServices services, LambdaClient lambda, String createFunction, String editFunction,
                                String table, InetAddress bind, int port) throws IOException {
        TaskEvents events = new TaskEvents();
        CloudBackend backend = new CloudBackend(services, new DeployedFunction(lambda, createFunction, "create-task"),
                new DeployedFunction(lambda, editFunction, "edit-task"), events, services.clock());
        Map<String, Object> meta = new HashMap<>();
        meta.put("stateDir", null);
        meta.put("table", table);
        return serve(backend, events, task -> { }, () -> { }, meta, bind, port);
    }

    private static Console serve(ConsoleBackend backend, TaskEvents events, Consumer<MigrationTask> keeper,
                                 AutoCloseable runs, Map<String, Object> meta, InetAddress bind, int port)
            throws IOException {
        TaskViews views = new TaskViews(events, backend::lastVerification, backend.mode());
        ProgressSeries series = new ProgressSeries();
        EventStream stream = new EventStream();
        ConsoleSupervisor supervisor = new ConsoleSupervisor(backend.store(), series, events, stream, views, keeper);
        meta.put("mode", backend.mode().label());
        meta.put("version", RedisMigrateCommand.class.getAnnotation(Command.class).version()[0]);
        ConsoleToken token = isLocalOnly(bind) ? null : ConsoleToken.random();
        ApiHandler api = new ApiHandler(backend, views, series, stream, meta);
        ConsoleServer server;
        try {
            server = ConsoleServer.start(bind, port, token, api, supervisor, stream, runs);
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on " + bind.getHostAddress() + " port " + port + " ("
                    + e.getMessage() + "): give another --port (0 picks a free one)");
        }
        String host = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
        return new Console(server, token, host);
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
