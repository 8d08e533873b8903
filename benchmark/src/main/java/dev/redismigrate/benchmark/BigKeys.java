package dev.redismigrate.benchmark;

import dev.redismigrate.testkit.RedisServer;
import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Three big keys of N elements each, the kinds that cannot be copied as one payload: a hash, a sorted set and a list
 * ({@code big:hash}, {@code big:zset}, {@code big:list}), written in pipelined commands of 1000 elements.
 */
final class BigKeys {
    private static final int PER_COMMAND = 1000;

    private BigKeys() {
    }

    static void load(RedisServer source, int elements) {
        try (Jedis jedis = source.client()) {
            Pipeline p = jedis.pipelined();
            for (int start = 0; start < elements; start += PER_COMMAND) {
                int end = Math.min(elements, start + PER_COMMAND);
                Map<String, String> fields = new HashMap<>();
                Map<String, Double> members = new HashMap<>();
                String[] items = new String[end - start];
                for (int i = start; i < end; i++) {
                    fields.put("field-" + i, "value-" + i);
                    members.put("member-" + i, (double) i);
                    items[i - start] = "item-" + i;
                }
                p.hset("big:hash", fields);
                p.zadd("big:zset", members);
                p.rpush("big:list", items);
                if (start % (PER_COMMAND * 50) == 0) {
                    p.sync();
                }
            }
            p.sync();
        }
    }
}
