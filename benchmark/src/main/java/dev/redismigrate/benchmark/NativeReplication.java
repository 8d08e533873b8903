package dev.redismigrate.benchmark;

import dev.redismigrate.redisio.RedisInfo;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Redis's own replication, the yardstick: REPLICAOF from a fresh server, timed until the link is up and loading is
 * done. The source's {@code repl-diskless-sync-delay} is 0 while it runs (the migration sets the same for itself, so
 * neither side waits Redis's default 5 s before the snapshot) and is put back afterwards.
 */
final class NativeReplication {
    /** How the replica loads the snapshot it receives ({@code repl-diskless-load}). */
    enum Loading {
        /** Written to a file first, then loaded: {@code repl-diskless-load disabled} (Redis's default). */
        DISK("disabled"),
        /** Parsed straight from the socket: {@code repl-diskless-load on-empty-db}. */
        SOCKET("on-empty-db");

        private final String setting;

        Loading(String setting) {
            this.setting = setting;
        }
    }

    /** A detached replica holding the source's data, and the time replication took. */
    record Copy(RedisServer replica, double seconds) implements AutoCloseable {
        @Override
        public void close() {
            replica.close();
        }
    }

    private NativeReplication() {
    }

    /** Times one replication into a fresh replica, which is then removed. */
    static double seconds(RedisServer source, Loading loading) throws InterruptedException {
        try (Copy copy = copy(source, loading, true)) {
            return copy.seconds();
        }
    }

    /** Replicates into a fresh replica; detached afterwards when asked, else left following the source. */
    static Copy copy(RedisServer source, Loading loading, boolean detach) throws InterruptedException {
        RedisServer replica = RedisServer.start(RedisVersion.SYSTEM,
                RedisServerConfig.defaults().set("repl-diskless-load", loading.setting));
        try (Jedis sourceClient = source.client(); Jedis jedis = replica.client()) {
            List<String> delay = sourceClient.configGet("repl-diskless-sync-delay").values().stream().toList();
            sourceClient.configSet("repl-diskless-sync-delay", "0");
            try {
                long start = System.nanoTime();
                jedis.replicaof(source.host(), source.port());
                while (!loaded(RedisInfo.parse(jedis.info("replication") + jedis.info("persistence")))) {
                    Thread.sleep(5);
                }
                double seconds = Measures.seconds(System.nanoTime() - start);
                if (detach) {
                    jedis.replicaofNoOne();
                }
                return new Copy(replica, seconds);
            } finally {
                sourceClient.configSet("repl-diskless-sync-delay", delay.get(0));
            }
        } catch (RuntimeException | InterruptedException e) {
            replica.close();
            throw e;
        }
    }

    private static boolean loaded(RedisInfo info) {
        return "up".equals(info.get("master_link_status")) && "0".equals(info.get("loading"))
                && "0".equals(info.get("master_sync_in_progress"));
    }
}
