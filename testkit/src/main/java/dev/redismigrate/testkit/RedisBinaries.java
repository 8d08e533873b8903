package dev.redismigrate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Finds or extracts the redis-server binary for a version. Extraction is cached across runs in the temp dir. */
public final class RedisBinaries {
    private static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir"), "redis-migrate-bin");

    private RedisBinaries() {
    }

    public static Path serverFor(RedisVersion version) {
        if (version == RedisVersion.SYSTEM) {
            Path system = systemServer();
            // A machine without Debian's redis-server still runs every test, on the same 7.0 line from the jar.
            return system != null ? system : serverFor(RedisVersion.V7_0);
        }
        return extract(version.jarResource());
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
