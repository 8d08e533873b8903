package dev.redismigrate.cli;

import static dev.redismigrate.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.params.SourceParameter;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/**
 * A Redis Cluster source given by any one of its nodes, migrated into a standalone target with
 * {@code --finish-when-synced}: every primary's shard is copied, every primary gets the migration's parameters while
 * it runs and its own back at the end; {@code status} then shows each shard's progress under the total.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class MigrateClusterSourceIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    @Test
    void everyShardIsMigratedAndEveryPrimaryGetsItsParametersBack() throws Exception {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisServer first = cluster.nodes().get(0);
        try (JedisCluster app = new JedisCluster(new HostAndPort(first.host(), first.port()))) {
            for (int i = 0; i < 2000; i++) {
                app.set("k" + i, "v" + i);
            }
            app.hset("h", Map.of("a", "1"));
            app.rpush("list", "a", "b");
        }
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("dst-secret"));
        List<RedisServer> primaries = cluster.primaries();
        List<Map<String, Object>> before = primaries.stream().map(MigrateClusterSourceIT::parameters).toList();
        Set<Integer> appliedOn = ConcurrentHashMap.newKeySet();
        CompletableFuture<CommandRun> migration = CompletableFuture.supplyAsync(() -> run("migrate",
                "--source", cluster.primaries().get(2).uri(),
                "--target", "redis://:dst-secret@" + target.host() + ":" + target.port(),
                "--name", "shards", "--finish-when-synced", "--state-dir", stateDir.toString()));
        while (!migration.isDone()) {
            for (RedisServer primary : primaries) {
                try (Jedis p = primary.client()) {
                    if (p.configGet("repl-diskless-sync-delay").get("repl-diskless-sync-delay").equals("0")) {
                        appliedOn.add(primary.port()); // the default is 5: the migration set it
                    }
                }
            }
            Thread.sleep(10);
        }

        CommandRun run = migration.get();
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("source.topology").contains("finished: parameters restored, target unlocked")
                .doesNotContain("dst-secret");
        assertThat(appliedOn).containsExactlyInAnyOrderElementsOf(primaries.stream().map(RedisServer::port).toList());
        assertThat(primaries.stream().map(MigrateClusterSourceIT::parameters).toList()).isEqualTo(before);
        try (Jedis t = target.client()) {
            assertThat(t.dbSize()).isEqualTo(2002);
            assertThat(t.get("k1234")).isEqualTo("v1234");
            assertThat(t.lrange("list", 0, -1)).containsExactly("a", "b");
            assertThat(t.keys("__redis-migrate:*")).isEmpty();
        }
        MigrationTask task = new LocalFileTaskStore(stateDir).resolve("shards");
        assertThat(task.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(task.summary().sourceKeys().get(0).keys()).isEqualTo(2002);
        statusShowsEveryShardUnderTheTotal(task);
    }

    /** Each shard saved its own progress as a shard's container does: {@code status} shows a row per shard. */
    private void statusShowsEveryShardUnderTheTotal(MigrationTask task) throws Exception {
        List<String> ids = task.syncs().stream().map(SyncShard::id).toList();
        assertThat(ids).hasSize(3);
        CommandRun json = run("status", "shards", "--json", "--state-dir", stateDir.toString());
        JsonNode shards = TaskJson.mapper().readTree(json.out()).path("syncProgress");
        assertThat(shards.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(ids);
        long sourceKeys = 0;
        for (String id : ids) {
            // known, not necessarily above 0: a shard whose primary took no write after its snapshot may still be at
            // the offset its FULLRESYNC gave, 0 on a primary that had no replica before
            assertThat(shards.path(id).path("appliedOffset").asLong(-1)).as(id).isNotNegative();
            assertThat(shards.path(id).path("phase").asText()).as(id).isNotEmpty();
            sourceKeys += shards.path(id).path("sourceKeys").path("0").path("keys").asLong();
        }
        assertThat(sourceKeys).as("each shard counts its own primary's keys").isEqualTo(2002);

        CommandRun text = run("status", "shards", "--state-dir", stateDir.toString());
        for (SyncShard shard : task.syncs()) {
            assertThat(text.out()).contains("\n  shard " + shard.id() + " (" + shard.node() + ") ");
        }
    }

    private static Map<String, Object> parameters(RedisServer server) {
        Map<String, Object> values = new TreeMap<>();
        try (Jedis jedis = server.client()) {
            for (SourceParameter parameter : ParameterCatalogue.all()) {
                values.put(parameter.name(), jedis.configGet(parameter.name()));
            }
        }
        return values;
    }
}
