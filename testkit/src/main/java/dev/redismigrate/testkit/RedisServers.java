package dev.redismigrate.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that starts throwaway redis-server processes and always stops them. Register it as a field:
 * <pre>
 * &#64;RegisterExtension final RedisServers redis = new RedisServers();       // servers stopped after each test
 * &#64;RegisterExtension static final RedisServers redis = new RedisServers(); // stopped after the class
 *
 * var pair = redis.sourceAndTarget(RedisVersion.V2_8, RedisVersion.SYSTEM);
 * RedisServer locked = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("s3cret"));
 * RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 1);       // three primaries, one replica each
 * </pre>
 */
public final class RedisServers implements AfterEachCallback, AfterAllCallback, AutoCloseable {
    private final List<RedisServer> started = new ArrayList<>();

    public record Pair(RedisServer source, RedisServer target) {
    }

    public RedisServer start() {
        return start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
    }

    public RedisServer start(RedisVersion version) {
        return start(version, RedisServerConfig.defaults());
    }

    /** Skips the calling test (not a failure; see {@link TestTiers}) when the version cannot be had here. */
    public synchronized RedisServer start(RedisVersion version, RedisServerConfig config) {
        RedisServer server;
        try {
            server = RedisServer.start(version, config);
        } catch (VersionUnavailableException e) {
            TestTiers.require(false, e.getMessage());
            throw e;
        }
        started.add(server);
        return server;
    }

    /**
     * A Redis Cluster of {@code primaries} primaries with {@code replicasPerPrimary} replicas each, every node stopped
     * like the other servers; skips the test where the version cannot be had. Cluster mode needs 3.0, so 2.8 is refused.
     */
    public RedisCluster cluster(RedisVersion version, int primaries, int replicasPerPrimary) {
        if (version == RedisVersion.V2_8) {
            throw new IllegalArgumentException("Redis " + version.label() + " has no cluster mode (3.0+)");
        }
        List<RedisServer> nodes = new ArrayList<>();
        for (int i = 0; i < primaries * (1 + replicasPerPrimary); i++) {
            nodes.add(start(version, RedisCluster.nodeConfig()));
        }
        return RedisCluster.form(nodes, primaries);
    }

    /** Three primaries without replicas. */
    public RedisCluster cluster(RedisVersion version) {
        return cluster(version, 3, 0);
    }

    /** A source and an empty target of the given versions, default configuration. */
    public Pair sourceAndTarget(RedisVersion source, RedisVersion target) {
        return new Pair(start(source), start(target));
    }

    public Pair sourceAndTarget() {
        return sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // An instance field is a fresh extension per test; a static one keeps its servers for the class.
        if (context.getTestInstance().isPresent() && !isStaticField(context)) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        started.forEach(RedisServer::close);
        started.clear();
    }

    private boolean isStaticField(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        while (type != null) {
            for (var field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == RedisServers.class) {
                    try {
                        field.setAccessible(true);
                        if (field.get(null) == this) {
                            return true;
                        }
                    } catch (IllegalAccessException ignored) {
                        // not ours
                    }
                }
            }
            type = type.getSuperclass();
        }
        return false;
    }
}
