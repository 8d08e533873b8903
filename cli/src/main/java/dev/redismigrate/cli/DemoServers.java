package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.usecase.NewTask;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;

/**
 * The demo's throwaway servers: a source loaded with {@link DemoData} that an application ({@link DemoWriter}) keeps
 * writing to, and an empty target. Closing stops the writer and both servers and removes their files.
 */
final class DemoServers implements AutoCloseable {
    private final RedisServer source;
    private final RedisServer target;
    private final DemoWriter writer;

    private DemoServers(RedisServer source, RedisServer target, DemoWriter writer) {
        this.source = source;
        this.target = target;
        this.writer = writer;
    }

    /** Starts both servers, loads about {@code keys} keys into the source and starts the writer; steps go to {@code step}. */
    static DemoServers start(int keys, int writesPerSecond, Consumer<String> step) {
        RedisServer source = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
        RedisServer target = null;
        try {
            target = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
            step.accept("source: " + source + ", target: " + target + " (throwaway, removed at the end)");
            long loaded;
            try (Jedis loader = source.client()) {
                loaded = DemoData.load(loader, keys);
            }
            DemoWriter writer = new DemoWriter(source.client(), writesPerSecond);
            writer.start();
            step.accept("loaded " + Units.count(loaded) + " keys of every type into the source; an application now"
                    + " writes " + writesPerSecond + "/s to it");
            return new DemoServers(source, target, writer);
        } catch (RuntimeException e) {
            if (target != null) {
                target.close();
            }
            source.close();
            throw e;
        }
    }

    RedisServer source() {
        return source;
    }

    RedisServer target() {
        return target;
    }

    DemoWriter writer() {
        return writer;
    }

    /** The task "demo" from the source into the target with the default parameters, created (and so validated). */
    MigrationTask createTask(LocalServices services) {
        return services.createTask().create(new NewTask("demo", SourceSpec.of(RedisUri.parse(source.uri())),
                TargetSpec.of(RedisUri.parse(target.uri())), null, ParameterCatalogue.defaults()));
    }

    @Override
    public void close() {
        writer.close();
        target.close();
        source.close();
    }
}
