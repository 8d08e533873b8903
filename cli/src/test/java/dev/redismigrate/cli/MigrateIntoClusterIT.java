package dev.redismigrate.cli;

import static dev.redismigrate.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.params.SourceParameter;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@code migrate --target redis://any-node:port --finish-when-synced} from a standalone source under a write load into
 * a three-primary Redis Cluster: what an operator runs. Every node is locked while the sync runs and unlocked after,
 * the source's parameters are put back, the default verification passes, the cluster holds the source's data, and
 * the task's summary counts the keys of every primary.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MigrateIntoClusterIT {
    private static final int KEYS = 2_000;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V7_0", "VALKEY_8_1"})
    void aStandaloneSourceUnderLoadMigratesIntoAClusterLockedWhileItSyncs(RedisVersion version) throws Exception {
        RedisServer source = redis.start(version);
        RedisCluster cluster = redis.cluster(version, 3, 1);
        try (Jedis s = source.client()) {
            for (int i = 0; i < KEYS; i++) {
                s.set("k" + i, "v" + i);
                s.hset("h" + i, Map.of("f", "v" + i));
            }
        }
        cluster.nodes().forEach(node -> {
            try (Jedis admin = node.client()) {
                admin.aclSetUser("app", "on", ">app-pw", "~*", "+@all");
            }
        });
        Map<RedisServer, List<String>> aclBefore = new LinkedHashMap<>();
        cluster.nodes().forEach(node -> aclBefore.put(node, aclList(node)));
        Map<String, Object> parametersBefore = parameters(source);
        TaskStore store = new LocalFileTaskStore(stateDir);
        RedisServer anyNode = cluster.replicasOf(cluster.primaries().get(2)).get(0);

        AtomicBoolean stopLoad = new AtomicBoolean();
        CompletableFuture<Long> load = CompletableFuture.supplyAsync(() -> writeUntil(source, stopLoad));
        CompletableFuture<CommandRun> migration = CompletableFuture.supplyAsync(() -> run("migrate",
                "--source", source.uri(), "--target", anyNode.uri(), "--name", "into-cluster",
                "--finish-when-synced", "--state-dir", stateDir.toString()));

        awaitIncremental(store);
        for (RedisServer primary : cluster.primaries()) {
            try (Jedis app = as(primary)) {
                assertThatThrownBy(() -> app.set(keyOwnedBy(cluster, primary), "intruder"))
                        .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            }
        }
        stopLoad.set(true);
        long written = load.get(30, TimeUnit.SECONDS);
        CommandRun run = migration.get(120, TimeUnit.SECONDS);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("PASS     target.topology").contains("target locked")
                .contains("finished: parameters restored, target unlocked").contains("status    FINISHED");
        MigrationTask task = store.resolve("into-cluster");
        assertThat(task.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(task.lock()).isNull();
        long onPrimaries = cluster.primaries().stream().mapToLong(MigrateIntoClusterIT::dbSize).sum();
        assertThat(onPrimaries).isGreaterThanOrEqualTo(2L * KEYS).isLessThanOrEqualTo(dbSize(source));
        assertThat(task.summary().targetKeys().get(0).keys()).isEqualTo(onPrimaries);
        assertThat(parameters(source)).isEqualTo(parametersBefore);
        aclBefore.forEach((node, rules) -> assertThat(aclList(node)).as(node.toString()).isEqualTo(rules));
        try (Jedis s = source.client(); JedisCluster t = client(cluster)) {
            assertThat(written).isPositive();
            for (int i = 0; i < KEYS; i += 97) {
                assertThat(t.get("k" + i)).isEqualTo(s.get("k" + i));
                assertThat(t.hgetAll("h" + i)).isEqualTo(s.hgetAll("h" + i));
            }
        }
        try (Jedis app = as(cluster.primaries().get(0))) {
            app.set(keyOwnedBy(cluster, cluster.primaries().get(0)), "after");
        }

        CommandRun verify = run("verify", "--source", source.uri(), "--target", anyNode.uri(), "--mode", "full");
        assertThat(verify.out()).as(verify.out() + verify.err()).contains("full mode");
        cluster.primaries().forEach(p -> assertThat(verify.out()).contains("target primary 127.0.0.1:" + p.port() + ": db0 "));
    }

    /** SET, INCR, HSET, DEL and a multi-slot MSET on the source until told to stop; returns how many were sent. */
    private static long writeUntil(RedisServer source, AtomicBoolean stop) {
        long n = 0;
        try (Jedis s = source.client()) {
            while (!stop.get() && n < 200_000) {
                s.set("load:" + (n % 500), "v" + n);
                s.incr("counter:" + (n % 7));
                s.hset("load-hash:" + (n % 50), "f" + (n % 11), Long.toString(n));
                if (n % 10 == 0) {
                    s.del("load:" + ((n + 250) % 500));
                    s.mset("m:a", Long.toString(n), "m:b", Long.toString(n), "m:c", Long.toString(n));
                }
                n++;
            }
        }
        return n;
    }

    private static void awaitIncremental(TaskStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean streaming = store.list().stream().anyMatch(t -> t.status() == TaskStatus.SYNCING
                    && t.desired() == DesiredState.RUN && t.progress() != null
                    && t.progress().phase().name().equals("INCREMENTAL"));
            if (streaming) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the migration did not reach the incremental phase in time");
    }

    private static String keyOwnedBy(RedisCluster cluster, RedisServer owner) {
        for (int i = 0; ; i++) {
            if (cluster.ownerOf("probe:" + i).equals(owner)) {
                return "probe:" + i;
            }
        }
    }

    private static Map<String, Object> parameters(RedisServer source) {
        Map<String, Object> values = new HashMap<>();
        try (Jedis s = source.client()) {
            for (SourceParameter parameter : ParameterCatalogue.all()) {
                values.put(parameter.name(), s.configGet(parameter.name()));
            }
        }
        return values;
    }

    private static long dbSize(RedisServer server) {
        try (Jedis jedis = server.client()) {
            return jedis.dbSize();
        }
    }

    private static List<String> aclList(RedisServer server) {
        try (Jedis admin = server.client()) {
            return admin.aclList();
        }
    }

    private static Jedis as(RedisServer node) {
        return new Jedis(new HostAndPort(node.host(), node.port()), DefaultJedisClientConfig.builder()
                .timeoutMillis(2000).user("app").password("app-pw").build());
    }

    private static JedisCluster client(RedisCluster cluster) {
        RedisServer node = cluster.primaries().get(0);
        return new JedisCluster(Set.of(new HostAndPort(node.host(), node.port())));
    }
}
