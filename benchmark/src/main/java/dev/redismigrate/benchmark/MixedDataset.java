package dev.redismigrate.benchmark;

import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** The data every benchmark loads: the same N keys of a realistic mix for the same N. */
final class MixedDataset {
    private MixedDataset() {
    }

    /** 60% strings, 10% hashes, 10% lists, 10% sets, 10% sorted sets; a fifth of the keys with a TTL of 1-2 h. */
    static void load(RedisServer source, int keys) {
        try (Jedis jedis = source.client()) {
            Pipeline pipeline = jedis.pipelined();
            load(key -> pipeline, List.of(pipeline), keys);
        }
    }

    /** The same keys, each written to the primary that owns its slot. */
    static void load(RedisCluster cluster, int keys) {
        List<Jedis> clients = new ArrayList<>();
        try {
            Map<RedisServer, Pipeline> pipelines = new HashMap<>();
            for (RedisServer primary : cluster.primaries()) {
                Jedis client = primary.client();
                clients.add(client);
                pipelines.put(primary, client.pipelined());
            }
            RedisServer[] owners = new RedisServer[RedisCluster.SLOTS];
            for (int slot = 0; slot < owners.length; slot++) {
                owners[slot] = cluster.ownerOfSlot(slot);
            }
            load(key -> pipelines.get(owners[RedisCluster.slot(key)]), List.copyOf(pipelines.values()), keys);
        } finally {
            clients.forEach(Jedis::close);
        }
    }

    private static void load(Function<String, Pipeline> pipelineFor, List<Pipeline> pipelines, int keys) {
        Random random = new Random(1);
        for (int i = 0; i < keys; i++) {
            String key = "bench:" + i;
            Pipeline p = pipelineFor.apply(key);
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
                pipelines.forEach(Pipeline::sync);
            }
        }
        pipelines.forEach(Pipeline::sync);
    }
}
