package dev.redismigrate.benchmark;

import dev.redismigrate.benchmark.NativeReplication.Loading;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A source with Redis's default configuration holding one row's data, and native replication's times for that data
 * (measured once, on first use, so the rows that share the data share the yardstick).
 */
final class Dataset implements AutoCloseable {
    private final RedisServer source;
    private final Map<Loading, Double> nativeSeconds = new EnumMap<>(Loading.class);

    private Dataset(RedisServer source) {
        this.source = source;
    }

    static Dataset load(String description, Consumer<RedisServer> loader) {
        RedisServer source = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
        long start = System.nanoTime();
        loader.accept(source);
        System.out.printf("loaded %s into a source with default configuration: used_memory %s, in %.1f s%n",
                description, Measures.mib(Measures.usedMemory(source)), Measures.seconds(System.nanoTime() - start));
        return new Dataset(source);
    }

    RedisServer source() {
        return source;
    }

    double nativeSeconds(Loading loading) throws InterruptedException {
        Double seconds = nativeSeconds.get(loading);
        if (seconds == null) {
            seconds = NativeReplication.seconds(source, loading);
            nativeSeconds.put(loading, seconds);
            System.out.printf("  native replication, %s loading: %.2f s%n", loading.name().toLowerCase(), seconds);
        }
        return seconds;
    }

    @Override
    public void close() {
        source.close();
    }
}
