package dev.redismigrate.benchmark;

import dev.redismigrate.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/** Redis's own replication, the yardstick: REPLICAOF on a fresh server, timed until the link is up and loading done. */
final class NativeReplication {
    private NativeReplication() {
    }

    static double seconds(RedisServer source, RedisServer target) throws InterruptedException {
        try (Jedis jedis = target.client()) {
            long start = System.nanoTime();
            jedis.replicaof(source.host(), source.port());
            while (true) {
                String info = jedis.info("replication") + jedis.info("persistence");
                if (info.contains("master_link_status:up") && info.contains("loading:0")
                        && info.contains("master_sync_in_progress:0")) {
                    return (System.nanoTime() - start) / 1e9;
                }
                Thread.sleep(5);
            }
        }
    }
}
