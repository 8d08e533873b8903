package dev.redismigrate.benchmark;

import dev.redismigrate.redisio.RedisInfo;
import dev.redismigrate.testkit.RedisServer;
import java.util.List;
import redis.clients.jedis.Jedis;

/** Small helpers the rows share: units, medians, what a server reports. */
final class Measures {
    private Measures() {
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static String mib(long bytes) {
        return String.format("%,.0f MiB", bytes / 1048576.0);
    }

    static RedisInfo info(RedisServer server, String section) {
        try (Jedis jedis = server.client()) {
            return RedisInfo.parse(jedis.info(section));
        }
    }

    static long usedMemory(RedisServer server) {
        return info(server, "memory").getLong("used_memory");
    }
}
