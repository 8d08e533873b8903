package dev.redismigrate.benchmark;

import dev.redismigrate.redisio.RedisInfo;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.util.ArrayList;
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
        return copies(List.of(source), loading, detach).get(0);
    }

    /**
     * Times replication of every source at once, each into a fresh replica (a cluster's primaries: a native replica
     * of each shard), until the last has loaded; the replicas are then removed.
     */
    static double parallelSeconds(List<RedisServer> sources, Loading loading) throws InterruptedException {
        List<Copy> copies = copies(sources, loading, true);
        copies.forEach(Copy::close);
        return copies.stream().mapToDouble(Copy::seconds).max().orElseThrow();
    }

    /** One fresh replica per source, all told to replicate at once; each copy's time is until the last loaded. */
    private static List<Copy> copies(List<RedisServer> sources, Loading loading, boolean detach)
            throws InterruptedException {
        List<RedisServer> replicas = new ArrayList<>();
        List<String> delays = new ArrayList<>();
        try {
            for (RedisServer source : sources) {
                replicas.add(RedisServer.start(RedisVersion.SYSTEM,
                        RedisServerConfig.defaults().set("repl-diskless-load", loading.setting)));
                try (Jedis sourceClient = source.client()) {
                    delays.add(sourceClient.configGet("repl-diskless-sync-delay").values().iterator().next());
                    sourceClient.configSet("repl-diskless-sync-delay", "0");
                }
            }
            long start = System.nanoTime();
            for (int i = 0; i < sources.size(); i++) {
                try (Jedis jedis = replicas.get(i).client()) {
                    jedis.replicaof(sources.get(i).host(), sources.get(i).port());
                }
            }
            for (RedisServer replica : replicas) {
                try (Jedis jedis = replica.client()) {
                    while (!loaded(RedisInfo.parse(jedis.info("replication") + jedis.info("persistence")))) {
                        Thread.sleep(5);
                    }
                }
            }
            double seconds = Measures.seconds(System.nanoTime() - start);
            List<Copy> copies = new ArrayList<>();
            for (RedisServer replica : replicas) {
                if (detach) {
                    try (Jedis jedis = replica.client()) {
                        jedis.replicaofNoOne();
                    }
                }
                copies.add(new Copy(replica, seconds));
            }
            return copies;
        } catch (RuntimeException | InterruptedException e) {
            replicas.forEach(RedisServer::close);
            throw e;
        } finally {
            for (int i = 0; i < delays.size(); i++) {
                try (Jedis sourceClient = sources.get(i).client()) {
                    sourceClient.configSet("repl-diskless-sync-delay", delays.get(i));
                }
            }
        }
    }

    private static boolean loaded(RedisInfo info) {
        return "up".equals(info.get("master_link_status")) && "0".equals(info.get("loading"))
                && "0".equals(info.get("master_sync_in_progress"));
    }
}
