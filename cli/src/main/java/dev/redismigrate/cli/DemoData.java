package dev.redismigrate.cli;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;

/** The demo's sample dataset: every data type, TTLs, several databases, and one bigger hash. */
final class DemoData {
    private static final int BIG_HASH_FIELDS = 20_000;

    private DemoData() {
    }

    /** Loads about {@code keys} keys; returns how many were written. */
    static long load(Jedis source, int keys) {
        long written = 0;
        int perType = Math.max(1, keys / 6);
        source.select(0);
        Pipeline p = source.pipelined();
        for (int i = 0; i < perType; i++) {
            p.set("user:" + i + ":name", "user-" + i);
            p.hset("user:" + i + ":profile", Map.of("email", "u" + i + "@example.com", "visits", Integer.toString(i)));
            p.rpush("queue:" + i, "job-a", "job-b", "job-c");
            p.sadd("tags:" + i, "red", "green", "blue");
            p.zadd("scores:" + i, Map.of("alice", (double) i, "bob", i + 0.5));
            p.setex("session:" + i, 3600 + i % 600, "token-" + i);
            written += 6;
            if (i % 1000 == 999) {
                p.sync();
            }
        }
        p.sync();
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < BIG_HASH_FIELDS; i++) {
            fields.put("field:" + i, "value-" + i);
            if (fields.size() == 1000) {
                source.hset("big:hash", fields);
                fields.clear();
            }
        }
        for (int i = 0; i < 100; i++) {
            source.xadd("events", StreamEntryID.NEW_ENTRY, Map.of("type", "click", "n", Integer.toString(i)));
        }
        source.xgroupCreate("events", "billing", new StreamEntryID(0, 0), false);
        written += 2;
        for (int db = 1; db <= 2; db++) {
            source.select(db);
            for (int i = 0; i < 100; i++) {
                source.set("db" + db + ":key:" + i, "v" + i);
            }
            written += 100;
        }
        source.select(0);
        return written;
    }
}
