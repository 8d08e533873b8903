package dev.redismigrate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * An application writing non-idempotent commands into a server at a steady pace ({@code INCR}, {@code LPUSH},
 * {@code INCRBYFLOAT}, {@code APPEND}, and {@code XADD *} on 5.0+), counting every write the server acknowledged. A
 * migration that applies a command twice or loses one leaves a count on the target that {@link #differences} reports.
 *
 * <p>A write whose reply never came (the connection broke, e.g. the server was restarted) may or may not have
 * happened: it is counted as uncertain and the check accepts either. Refused writes (a server still loading) count
 * as not done. All keys start with {@value #PREFIX}.
 */
public final class AcknowledgedWrites implements AutoCloseable {
    public static final String PREFIX = "acked:";
    private static final int COUNTERS = 8;
    private static final int LISTS = 4;

    private final RedisServer server;
    private final long intervalNanos;
    private final String listValue;
    private final boolean streams;
    private final Kind incr = new Kind("INCR");
    private final Kind lpush = new Kind("LPUSH");
    private final Kind incrByFloat = new Kind("INCRBYFLOAT");
    private final Kind append = new Kind("APPEND");
    private final Kind xadd = new Kind("XADD");
    private final Thread thread;
    private volatile boolean running = true;

    private AcknowledgedWrites(RedisServer server, int roundsPerSecond, int listValueBytes) {
        this.server = server;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / roundsPerSecond;
        this.listValue = "v".repeat(Math.max(1, listValueBytes));
        this.streams = server.version().atLeast6();
        this.thread = new Thread(this::run, "acknowledged-writes-" + server.port());
        thread.setDaemon(true);
        thread.start();
    }

    /** 500 rounds a second (one command of each kind per round, 2,000 to 2,500 writes/s). */
    public static AcknowledgedWrites start(RedisServer server) {
        return new AcknowledgedWrites(server, 500, 8);
    }

    /** {@code roundsPerSecond} rounds, each {@code LPUSH} carrying {@code listValueBytes} bytes (to make volume). */
    public static AcknowledgedWrites start(RedisServer server, int roundsPerSecond, int listValueBytes) {
        return new AcknowledgedWrites(server, roundsPerSecond, listValueBytes);
    }

    /** Writes acknowledged so far, all kinds together. */
    public long acknowledged() {
        return incr.acked.get() + lpush.acked.get() + incrByFloat.acked.get() + append.acked.get() + xadd.acked.get();
    }

    /** Waits until at least {@code count} more writes than now have been acknowledged. */
    public void awaitMore(long count, Duration timeout) throws InterruptedException {
        long wanted = acknowledged() + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged() < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + acknowledged() + " of " + wanted + " writes acknowledged within "
                        + timeout + " by " + server);
            }
            Thread.sleep(10);
        }
    }

    /** Stops writing (waits for the write in flight). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(20));
    }

    /**
     * What {@code other} holds that does not match the acknowledged writes, one line per kind (empty when exact).
     * Call after {@link #close()} and once the migration has applied everything. {@code other} is one server (its
     * db0) or a cluster client.
     */
    public List<String> differences(JedisCommands other) {
        if (other instanceof Jedis server) {
            server.select(0);
        }
        List<String> differences = new ArrayList<>();
        long counters = 0;
        for (int i = 0; i < COUNTERS; i++) {
            String value = other.get(PREFIX + "counter:" + i);
            counters += value == null ? 0 : Long.parseLong(value);
        }
        incr.check(counters, differences);
        long pushed = 0;
        for (int i = 0; i < LISTS; i++) {
            pushed += other.llen(PREFIX + "list:" + i);
        }
        lpush.check(pushed, differences);
        String sum = other.get(PREFIX + "float");
        incrByFloat.check(sum == null ? 0 : Math.round(Double.parseDouble(sum) * 2), differences);
        append.check(other.strlen(PREFIX + "append"), differences);
        if (streams) {
            xadd.check(other.xlen(PREFIX + "stream"), differences);
        }
        return differences;
    }

    @Override
    public String toString() {
        return acknowledged() + " writes acknowledged by " + server;
    }

    private void run() {
        long round = 0;
        long next = System.nanoTime();
        while (running) {
            try (Jedis jedis = server.client()) {
                while (running) {
                    long n = round++;
                    incr.write(() -> jedis.incr(PREFIX + "counter:" + n % COUNTERS));
                    lpush.write(() -> jedis.lpush(PREFIX + "list:" + n % LISTS, listValue));
                    incrByFloat.write(() -> jedis.incrByFloat(PREFIX + "float", 0.5));
                    append.write(() -> jedis.append(PREFIX + "append", "x"));
                    if (streams) {
                        xadd.write(() -> jedis.sendCommand(Protocol.Command.XADD, PREFIX + "stream", "*", "n",
                                Long.toString(n)));
                    }
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
                        next = System.nanoTime(); // after a stall, keep the pace rather than catch up in a burst
                    }
                }
            } catch (JedisConnectionException | JedisDataException e) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                next = System.nanoTime();
            }
        }
    }

    /** One kind of write and its tallies. */
    private static final class Kind {
        final String name;
        final AtomicLong acked = new AtomicLong();
        final AtomicLong uncertain = new AtomicLong();

        Kind(String name) {
            this.name = name;
        }

        void write(Runnable command) {
            try {
                command.run();
                acked.incrementAndGet();
            } catch (JedisConnectionException e) {
                uncertain.incrementAndGet();
                throw e;
            }
        }

        void check(long held, List<String> differences) {
            long low = acked.get();
            long high = acked.get() + uncertain.get();
            if (held < low || held > high) {
                differences.add(name + ": the other server holds " + held + ", the source acknowledged " + acked.get()
                        + (uncertain.get() > 0 ? " (+" + uncertain.get() + " unanswered)" : ""));
            }
        }
    }
}
