package dev.redismigrate.benchmark;

import dev.redismigrate.testkit.RedisServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** Write loads on the source while the sync follows it. */
final class WriteLoad {
    private static final int BATCH = 500;
    private static final String BURST_COMMANDS = "set,incr,lpush,sadd,hset,zadd,mset";

    private WriteLoad() {
    }

    /**
     * A steady load: pipelined SET and INCR in batches of 500, paced to the asked rate.
     *
     * @return the writes per second done
     */
    static double paced(RedisServer source, int perSecond, Duration length) throws InterruptedException {
        long writes = 0;
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long batchNanos = TimeUnit.SECONDS.toNanos(1) * BATCH / perSecond;
        long next = start;
        try (Jedis writer = source.client()) {
            while (System.nanoTime() < end) {
                Pipeline p = writer.pipelined();
                for (int i = 0; i < BATCH; i++) {
                    if (i % 2 == 0) {
                        p.set("load:" + (writes % 100_000), "v" + writes);
                    } else {
                        p.incr("load:counter:" + (writes % 1000));
                    }
                    writes++;
                }
                p.sync();
                next += batchNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        }
        return writes / Measures.seconds(System.nanoTime() - start);
    }

    /**
     * As fast as the source takes it: redis-benchmark (50 clients, pipelines of 16) sending the given number of
     * requests of each of SET, INCR, LPUSH, SADD, HSET, ZADD and MSET (10 keys) over 100,000 random keys.
     *
     * @return the write commands per second done
     */
    static double burst(RedisServer source, int requestsPerCommand) throws IOException, InterruptedException {
        List<String> command = List.of("redis-benchmark", "-h", source.host(), "-p", Integer.toString(source.port()),
                "-n", Integer.toString(requestsPerCommand), "-P", "16", "-r", "100000", "-q", "-t", BURST_COMMANDS);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("redis-benchmark exited with " + process.exitValue());
        }
        double seconds = Measures.seconds(System.nanoTime() - start);
        return (double) requestsPerCommand * BURST_COMMANDS.split(",").length / seconds;
    }
}
