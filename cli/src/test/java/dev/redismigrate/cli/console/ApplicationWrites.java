package dev.redismigrate.cli.console;

import dev.redismigrate.testkit.RedisServer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * An application adding keys to the source at a steady pace ({@value #KEYS_PER_TICK} new keys every
 * {@value #TICK_MILLIS} ms), so the source's key count keeps growing while the console shows the target catching up.
 */
final class ApplicationWrites implements AutoCloseable {
    private static final int KEYS_PER_TICK = 20;
    private static final long TICK_MILLIS = 100;

    private final Jedis source;
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong written = new AtomicLong();

    private ApplicationWrites(RedisServer server) {
        this.source = server.client();
    }

    static ApplicationWrites start(RedisServer server) {
        ApplicationWrites writes = new ApplicationWrites(server);
        writes.pace.scheduleAtFixedRate(writes::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return writes;
    }

    long written() {
        return written.get();
    }

    private void tick() {
        Pipeline pipeline = source.pipelined();
        for (int i = 0; i < KEYS_PER_TICK; i++) {
            long n = written.incrementAndGet();
            pipeline.set("app:order:" + n, "order-" + n);
        }
        pipeline.sync();
    }

    /** Stops writing, as an application does before the cut-over; every write so far has been acknowledged. */
    @Override
    public void close() {
        pace.shutdown();
        try {
            pace.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
