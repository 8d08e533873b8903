package dev.redismigrate.benchmark;

import dev.redismigrate.redisio.RedisInfo;
import redis.clients.jedis.Jedis;

/** Replication offsets as the servers report them in {@code INFO replication}. */
final class Offsets {
    private Offsets() {
    }

    /** How far the source's replication stream has got. */
    static long source(Jedis source) {
        return RedisInfo.parse(source.info("replication")).getLong("master_repl_offset");
    }

    /** How far a native replica has processed its source's stream. */
    static long replica(Jedis replica) {
        Long offset = RedisInfo.parse(replica.info("replication")).getLong("slave_repl_offset");
        return offset == null ? 0 : offset;
    }
}
