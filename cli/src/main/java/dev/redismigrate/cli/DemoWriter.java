package dev.redismigrate.cli;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/** An application writing to the source while the demo migrates it: counters, a list, and keys with a TTL. */
final class DemoWriter implements AutoCloseable {
    private final Jedis source;
    private final int writesPerSecond;
    private final AtomicLong writes = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    DemoWriter(Jedis source, int writesPerSecond) {
        this.source = source;
        this.writesPerSecond = writesPerSecond;
        this.thread = new Thread(this::write, "demo-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long writes() {
        return writes.get();
    }

    private void write() {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, writesPerSecond);
        long next = System.nanoTime();
        while (running) {
            long n = writes.incrementAndGet();
            switch ((int) (n % 4)) {
                case 0 -> source.incr("counter:page-views");
                case 1 -> source.lpush("recent:orders", "order-" + n);
                case 2 -> source.setex("cache:item:" + (n % 500), 600, "item-" + n);
                default -> source.hincrBy("user:1:profile", "visits", 1);
            }
            next += intervalNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops writing, as an application does before the cut-over, and closes its connection; closing again is harmless. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
