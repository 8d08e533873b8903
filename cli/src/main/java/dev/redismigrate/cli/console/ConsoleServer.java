package dev.redismigrate.cli.console;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTP side on the JDK's built-in server: the API at {@code /api/}, the pages at {@code /}, both behind
 * the {@link AccessGuard}; and the {@link ConsoleSupervisor} looking at the tasks once a second.
 */
final class ConsoleServer implements AutoCloseable {
    /** Pages, API calls and the open event streams of a few people. */
    private static final int THREADS = 32;
    /**
     * How long a client may take to send a request (headers and body) before its connection is closed. The server
     * reads a request on one of the {@link #THREADS} threads as soon as its first byte arrives, so without a limit a
     * few clients that send slowly or stop midway would hold them all. A page's requests take milliseconds.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The JDK server's limit on receiving a request, in seconds; read once, when the first server is created. */
    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService ticks;
    private final EventStream events;
    private final AutoCloseable runs;

    private ConsoleServer(HttpServer server, ExecutorService handlers, ScheduledExecutorService ticks,
                          EventStream events, AutoCloseable runs) {
        this.server = server;
        this.handlers = handlers;
        this.ticks = ticks;
        this.events = events;
        this.runs = runs;
    }

    /**
     * Binds, starts serving and supervising; {@code port} 0 picks a free port.
     *
     * @param runs what runs tasks in this process (closed last), if anything does
     */
    static ConsoleServer start(InetAddress bind, int port, ConsoleToken token, ApiHandler api,
                               ConsoleSupervisor supervisor, EventStream events, AutoCloseable runs) throws IOException {
        // The JDK's only knob for it, and JVM-wide: the console is this JVM's one HTTP server. Not the response
        // limit (maxRspTime): an event stream is a response that lasts as long as its page is open.
        if (System.getProperty(MAX_REQUEST_TIME) == null) {
            System.setProperty(MAX_REQUEST_TIME, Long.toString(REQUEST_TIMEOUT.toSeconds()));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        AccessGuard guard = new AccessGuard(token);
        HttpContext apiContext = server.createContext("/api/", api);
        apiContext.getFilters().add(guard);
        HttpContext pages = server.createContext("/", new StaticFiles());
        pages.getFilters().add(guard);
        ExecutorService handlers = Executors.newFixedThreadPool(THREADS, daemon("console-http"));
        server.setExecutor(handlers);
        server.start();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("console-supervisor"));
        ticks.scheduleWithFixedDelay(supervisor::tick, 0, 1, TimeUnit.SECONDS);
        return new ConsoleServer(server, handlers, ticks, events, runs);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving; the tasks' runs stop with the process and the next console picks them up. */
    @Override
    public void close() {
        ticks.shutdownNow();
        events.close();
        server.stop(1);
        handlers.shutdownNow();
        try {
            runs.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the console's runs failed: " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
