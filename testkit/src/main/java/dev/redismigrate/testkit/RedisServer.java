package dev.redismigrate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One throwaway redis-server process on a free loopback port (a cluster node: with a free bus port too), in its own
 * temp dir. Not persistent unless the config asks for it. {@link #close()} kills it and deletes the dir.
 */
public final class RedisServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final RedisVersion version;
    private final RedisServerConfig config;
    private final Path dir;
    private int port;
    private Process process;

    private RedisServer(RedisVersion version, RedisServerConfig config, Path dir) {
        this.version = version;
        this.config = config;
        this.dir = dir;
    }

    public static RedisServer start(RedisVersion version, RedisServerConfig config) {
        Path dir;
        try {
            dir = Files.createTempDirectory("redis-" + version.name().toLowerCase() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisServer server = new RedisServer(version, config, dir);
        server.port = config.clusterEnabled() ? LoopbackPorts.freeForClusterNode() : LoopbackPorts.free();
        server.launch();
        return server;
    }

    public RedisVersion version() {
        return version;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code redis://127.0.0.1:PORT}, without credentials. */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    /** A new client authenticated with the configured password, if any; the caller closes it. */
    public Jedis client() {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000).socketTimeoutMillis(10000).autoNegotiateProtocol(false);
        if (config.password() != null) {
            builder.password(config.password());
        }
        return new Jedis(new HostAndPort(HOST, port), builder.build());
    }

    /** {@code ACL LIST}: every user's rules, to compare before a lock with after the unlock. */
    public List<String> aclList() {
        try (Jedis jedis = client()) {
            return jedis.aclList();
        }
    }

    /** Whether {@code user} may write here now (a probe key set and deleted); false when the ACL refuses it. */
    public boolean canWrite(String user, String password) {
        try (Jedis jedis = client()) {
            jedis.auth(user, password);
            jedis.set("probe", "1");
            jedis.del("probe");
            return true;
        } catch (JedisDataException refused) {
            return false;
        }
    }

    /** SIGKILL, then start again on the same port and dir (data survives only if persistence was configured). */
    public void restart() {
        kill();
        launch();
    }

    /** SIGKILL: the process dies without saving. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** SIGSTOP: the server stops answering without closing its sockets, like a stalled host. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    public String log() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill(); // SIGKILL ends a paused (SIGSTOP) process too
        deleteDir();
    }

    @Override
    public String toString() {
        return "redis " + version.label() + " on " + HOST + ":" + port;
    }

    private void launch() {
        Path conf = dir.resolve("redis.conf");
        List<String> lines = new ArrayList<>();
        lines.add("port " + port);
        lines.add("bind " + HOST);
        lines.add("dir \"" + dir + "\"");
        lines.add("logfile \"" + dir.resolve("server.log") + "\"");
        lines.add("daemonize no");
        lines.add("save \"\"");
        lines.add("appendonly no");
        lines.addAll(config.lines());
        try {
            Files.write(conf, lines, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(RedisBinaries.commandFor(version));
            command.add(conf.toString());
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + this, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(this + " exited at start: " + log() + readStdout());
            }
            if (answersPing()) {
                return;
            }
            sleep(20);
        }
        kill();
        throw new IllegalStateException(this + " did not start within " + START_TIMEOUT + ": " + log());
    }

    /** A raw PING: any reply but -LOADING means the server is up, whatever its auth settings. */
    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            return n > 0 && !new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("-LOADING");
        } catch (IOException e) {
            return false;
        }
    }

    private String readStdout() {
        try {
            return Files.readString(dir.resolve("stdout.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            waitFor(kill);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteDir() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis", e);
        }
    }
}
