package dev.redismigrate.benchmark;

import dev.redismigrate.testkit.RedisServer;
import java.util.Map;
import java.util.Random;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** The data every benchmark loads: the same N keys of a realistic mix for the same N. */
final class MixedDataset {
    private MixedDataset() {
    }

    /** 60% strings, 10% hashes, 10% lists, 10% sets, 10% sorted sets; a fifth of the keys with a TTL of 1-2 h. */
    static void load(RedisServer source, int keys) {
        Random random = new Random(1);
        try (Jedis jedis = source.client()) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < keys; i++) {
                String key = "bench:" + i;
                int kind = i % 10;
                if (kind < 6) {
                    p.set(key, "value-" + i + "-" + "x".repeat(40 + random.nextInt(120)));
                } else if (kind == 6) {
                    p.hset(key, Map.of("name", "user " + i, "email", "user" + i + "@example.com", "visits",
                            Integer.toString(random.nextInt(1000)), "plan", "basic"));
                } else if (kind == 7) {
                    p.rpush(key, "event-a-" + i, "event-b-" + i, "event-c-" + i, "event-d-" + i);
                } else if (kind == 8) {
                    p.sadd(key, "tag-" + random.nextInt(50), "tag-" + random.nextInt(50), "tag-" + i);
                } else {
                    p.zadd(key, Map.of("alpha", random.nextDouble(), "beta", random.nextDouble() * 100,
                            "gamma-" + i, (double) i));
                }
                if (i % 5 == 0) {
                    p.expire(key, 3600 + random.nextInt(3600));
                }
                if (i % 10_000 == 0) {
                    p.sync();
                }
            }
            p.sync();
        }
    }
}
