package dev.redismigrate.sync;

import dev.redismigrate.testkit.RedisVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;

/** Test-only: a mix of every type, in several databases, with TTLs, and a writer that keeps changing it. */
final class TestData {
    static final int[] DBS = {0, 1, 3};

    private TestData() {
    }

    /** Loads every type the version has into each of {@link #DBS}. */
    static void load(Jedis jedis, RedisVersion version, int scale) {
        boolean streams = version != RedisVersion.V2_8;
        for (int db : DBS) {
            jedis.select(db);
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < scale; i++) {
                p.set("str:" + i, "value-" + i);
                p.set("int:" + i, Integer.toString(i * 7));
                if (i % 10 == 0) {
                    p.setex("ttl:" + i, 3600 + i, "expiring-" + i);
                    p.hset("ttlhash:" + i, "f", "v");
                    p.pexpire("ttlhash:" + i, 7_200_000L);
                }
                p.hset("hash:" + i, Map.of("a", "1", "b", "two", "c", "3.5"));
                p.rpush("list:" + i, "x", "y", "z", Integer.toString(i));
                p.sadd("intset:" + i, "1", "2", "3", Integer.toString(i));
                p.sadd("set:" + i, "alpha", "beta", "gamma-" + i);
                p.zadd("zset:" + i, Map.of("one", 1.0, "pi", 3.14159, "neg", -2.5, "big", 1e300));
            }
            p.set("blob", "b".repeat(100_000));
            Map<String, String> bigHash = new HashMap<>();
            for (int i = 0; i < 2000; i++) {
                bigHash.put("field-" + i, "v".repeat(i % 100));
            }
            p.hset("bighash", bigHash);
            for (int i = 0; i < 20_000; i += 1000) {
                String[] items = new String[1000];
                for (int j = 0; j < 1000; j++) {
                    items[j] = "item-" + (i + j);
                }
                p.rpush("biglist", items);
                p.sadd("bigset", items);
            }
            for (int i = 0; i < 3000; i++) {
                p.zadd("bigzset", i * 0.5 - 100, "member-" + i);
            }
            p.sync();
            if (streams) {
                for (int i = 0; i < 200; i++) {
                    jedis.xadd("stream", StreamEntryID.NEW_ENTRY, Map.of("n", Integer.toString(i), "db", Integer.toString(db)));
                }
                jedis.xgroupCreate("stream", "group-a", new StreamEntryID(), false);
                jedis.xgroupCreate("stream", "group-b", StreamEntryID.LAST_ENTRY, false);
                jedis.xreadGroup("group-a", "consumer-1", XReadGroupParams.xReadGroupParams().count(50),
                        Map.of("stream", StreamEntryID.UNRECEIVED_ENTRY));
                jedis.xack("stream", "group-a", jedis.xrange("stream", (StreamEntryID) null, (StreamEntryID) null, 10)
                        .stream().map(e -> e.getID()).toArray(StreamEntryID[]::new));
            }
        }
        jedis.select(0);
    }

    /** Changes the data until stopped: writes, deletes, TTLs, in every database. */
    static final class Writer implements Runnable {
        private final Jedis jedis;
        private final int scale;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong writes = new AtomicLong();
        volatile Throwable failure;

        Writer(Jedis jedis, int scale) {
            this.jedis = jedis;
            this.scale = scale;
        }

        @Override
        public void run() {
            Random random = new Random(42);
            try {
                while (running.get()) {
                    int db = DBS[random.nextInt(DBS.length)];
                    jedis.select(db);
                    int i = random.nextInt(scale);
                    switch (random.nextInt(10)) {
                        case 0 -> jedis.set("str:" + i, "changed-" + writes.get());
                        case 1 -> jedis.incr("int:" + i);
                        case 2 -> jedis.hset("hash:" + i, "w", Long.toString(writes.get()));
                        case 3 -> jedis.lpush("list:" + i, "pushed");
                        case 4 -> jedis.zincrby("zset:" + i, 1.5, "one");
                        case 5 -> jedis.del("set:" + i);
                        case 6 -> jedis.expire("str:" + i, 5000);
                        case 7 -> jedis.sadd("bigset", "new-" + writes.get());
                        case 8 -> jedis.set("new:" + writes.get(), "fresh");
                        default -> jedis.persist("ttl:" + (i - i % 10));
                    }
                    writes.incrementAndGet();
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        void stop() {
            running.set(false);
        }
    }
}
