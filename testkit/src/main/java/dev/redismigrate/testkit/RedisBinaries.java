package dev.redismigrate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Finds or extracts the redis-server binary for a version. Extraction is cached across runs in the temp dir. */
public final class RedisBinaries {
    private static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir"), "redis-migrate-bin");

    private RedisBinaries() {
    }

    private static final Path TRIXIE = Path.of(System.getProperty("java.io.tmpdir"), "redis-migrate-trixie");
    private static final Map<RedisVersion, String> TRIXIE_SERVERS = Map.of(
            RedisVersion.V8_0, "redis", RedisVersion.VALKEY_8_1, "valkey");
    private static String trixieProblem;

    /**
     * The command line that starts a server of this version (before its config file argument). Throws
     * {@link VersionUnavailableException} when the version cannot be had on this machine.
     */
    public static List<String> commandFor(RedisVersion version) {
        String flavour = TRIXIE_SERVERS.get(version);
        if (flavour == null) {
            return List.of(serverFor(version).toString());
        }
        provisionTrixie();
        Path root = TRIXIE.resolve("root");
        String libs = root.resolve("lib/x86_64-linux-gnu") + ":" + root.resolve("usr/lib/x86_64-linux-gnu");
        // redis-check-rdb acts as the server when its argv[0] is redis-server (valkey likewise).
        return List.of(root.resolve("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2").toString(), "--library-path", libs,
                "--argv0", flavour + "-server", root.resolve("usr/bin/" + flavour + "-check-rdb").toString());
    }

    private static synchronized void provisionTrixie() {
        if (trixieProblem != null) {
            throw new VersionUnavailableException(trixieProblem);
        }
        try {
            Path script = Files.createTempFile("provision-trixie", ".sh");
            try (InputStream in = RedisBinaries.class.getResourceAsStream("provision-trixie.sh")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Process p = new ProcessBuilder("bash", script.toString(), TRIXIE.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            boolean done = p.waitFor(5, TimeUnit.MINUTES);
            Files.deleteIfExists(script);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                trixieProblem = "Redis 8.0 / Valkey 8.1 from Debian 13 packages are not available here: " + output.strip();
                throw new VersionUnavailableException(trixieProblem);
            }
        } catch (IOException e) {
            trixieProblem = "cannot provision Debian 13 Redis packages: " + e.getMessage();
            throw new VersionUnavailableException(trixieProblem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VersionUnavailableException("interrupted while provisioning Debian 13 Redis packages");
        }
    }

    private static final Map<String, Boolean> SYSTEM_LINES = new HashMap<>();

    public static Path serverFor(RedisVersion version) {
        if (version == RedisVersion.SYSTEM) {
            Path system = systemServer();
            // Tests must not depend on the machine's Redis: its own redis-server only when it is on the 7.0 line the
            // tests expect (Debian 12), otherwise (none, or Debian 13's 8.0) the same 7.0 from the jar.
            return system != null && onLine(system, "7.0.") ? system : serverFor(RedisVersion.V7_0);
        }
        return extract(version.jarResource());
    }

    /** {@code redis-server --version} names this major.minor line ("Redis server v=7.0.15 ..."). */
    private static synchronized boolean onLine(Path server, String line) {
        return SYSTEM_LINES.computeIfAbsent(server + " " + line, key -> {
            try {
                Process p = new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return p.waitFor(10, TimeUnit.SECONDS) && text.contains(" v=" + line);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** The redis-server on PATH, or null. */
    public static Path systemServer() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static synchronized Path extract(String resource) {
        Path target = CACHE.resolve(resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = RedisBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("redis binary " + resource + " is not on the classpath");
            }
            Files.createDirectories(CACHE);
            Path tmp = Files.createTempFile(CACHE, resource, ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource, e);
        }
    }
}
