package dev.redismigrate.cli;

import static dev.redismigrate.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.params.SourceParameter;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster given by any of its nodes as an ordinary {@code redis://} address: accepted as a target when every
 * primary is fit (each named), refused with the node or database that is not, and refused as a source that does not
 * serve every slot; a refused validation changes nothing on any server. What an operator who tries it sees.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterValidationCommandIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    @Test
    void anEmptyThreePrimaryClusterPassesAsTargetNamingItsPrimaries() {
        RedisServer source = redis.start(RedisVersion.V7_0);
        try (Jedis s = source.client()) {
            s.set("k", "v");
        }
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 1);
        RedisServer replica = cluster.replicasOf(cluster.primaries().get(0)).get(0);

        CommandRun run = run("validate", "--source", source.uri(), "--target", replica.uri(),
                "--state-dir", stateDir.toString(), "--json");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("\"id\":\"target.topology\",\"level\":\"PASS\"")
                .contains("3 primaries (").contains("serve all 16384 slots")
                .contains("The node given is a replica of")
                .contains("\"id\":\"target.empty\",\"level\":\"PASS\",\"message\":\"On each of the 3 primaries")
                .contains("\"id\":\"target.lockable\",\"level\":\"PASS\"")
                .contains("\"id\":\"target.cluster-writes\",\"level\":\"WARNING\"");
        cluster.primaries().forEach(p -> assertThat(run.out()).contains("127.0.0.1:" + p.port()));
    }

    @Test
    void aPrimaryHoldingKeysIsNamedAndNothingChanges() {
        RedisServer source = redis.start(RedisVersion.V7_0);
        try (Jedis s = source.client()) {
            s.set("k", "v");
        }
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        RedisServer holder = cluster.ownerOf("left-over");
        try (Jedis node = holder.client()) {
            node.set("left-over", "x");
        }
        RedisServer given = cluster.primaries().stream().filter(p -> p != holder).findFirst().orElseThrow();
        List<RedisServer> everyServer = with(source, cluster.nodes());
        List<Map<String, Object>> before = states(everyServer);

        CommandRun run = run("migrate", "--source", source.uri(), "--target", given.uri(),
                "--state-dir", stateDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(run.out()).contains("ERROR    target.empty").contains("127.0.0.1:" + holder.port())
                .contains("1 error,").contains("nothing was changed");
        assertThat(states(everyServer)).isEqualTo(before);
        assertThat(new LocalFileTaskStore(stateDir).list()).allSatisfy(task -> assertThat(task.lock()).isNull());
    }

    @Test
    void sourceKeysInDb1AreRefusedForAClusterAndNothingChanges() {
        RedisServer source = redis.start(RedisVersion.V7_0);
        try (Jedis s = source.client()) {
            s.set("k", "v");
            s.select(1);
            s.set("elsewhere", "v");
        }
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        List<RedisServer> everyServer = with(source, cluster.nodes());
        List<Map<String, Object>> before = states(everyServer);

        CommandRun run = run("migrate", "--source", source.uri(), "--target", cluster.primaries().get(2).uri(),
                "--state-dir", stateDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(run.out()).contains("ERROR    target.databases").contains("db1 (1 key)")
                .contains("1 error,").contains("nothing was changed");
        assertThat(states(everyServer)).isEqualTo(before);
    }

    @Test
    void aClusterSourceWithoutEverySlotServedIsRefusedAndNothingChanges() throws InterruptedException {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        for (String key : List.of("a", "b", "c", "d")) {
            try (Jedis owner = cluster.ownerOf(key).client()) {
                owner.set(key, key);
            }
        }
        for (RedisServer node : cluster.nodes()) {
            try (Jedis client = node.client()) {
                client.configSet("cluster-allow-reads-when-down", "yes"); // so the test can read what changed
            }
        }
        RedisServer ownerOfSlot0 = cluster.ownerOfSlot(0);
        try (Jedis owner = ownerOfSlot0.client()) {
            // slot 0 served by nobody in this node's view (its peers keep theirs: no gossip forgets a slot)
            owner.clusterDelSlots(0);
            for (int i = 0; i < 100 && !owner.clusterInfo().contains("cluster_state:fail"); i++) {
                Thread.sleep(100);
            }
        }
        RedisServer target = redis.start(RedisVersion.V7_0);
        List<RedisServer> everyServer = with(target, cluster.nodes());
        List<Map<String, Object>> before = states(everyServer);

        CommandRun run = run("migrate", "--source", ownerOfSlot0.uri(), "--target", target.uri(),
                "--state-dir", stateDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(run.out()).contains("ERROR    source.topology").contains("does not serve all 16384 slots")
                .contains("nothing was changed");
        assertThat(states(everyServer)).isEqualTo(before);
    }

    private static List<RedisServer> with(RedisServer server, List<RedisServer> others) {
        List<RedisServer> all = new ArrayList<>(others);
        all.add(server);
        return all;
    }

    private static List<Map<String, Object>> states(List<RedisServer> servers) {
        return servers.stream().map(ClusterValidationCommandIT::state).toList();
    }

    /** What the migration would change: keys, the source parameters it sets, ACL users (the lock), replicas. */
    private static Map<String, Object> state(RedisServer server) {
        Map<String, Object> state = new TreeMap<>();
        try (Jedis jedis = server.client()) {
            for (int db : List.of(0, 1)) {
                if (db == 0 || !jedis.info("cluster").contains("cluster_enabled:1")) {
                    jedis.select(db);
                    for (String key : jedis.keys("*")) {
                        state.put("key " + db + " " + key, jedis.get(key));
                    }
                }
            }
            jedis.select(0);
            for (SourceParameter parameter : ParameterCatalogue.all()) {
                state.put("config " + parameter.name(), jedis.configGet(parameter.name()));
            }
            state.put("acl", jedis.aclList());
            state.put("replicas", jedis.info("replication").lines().filter(l -> l.startsWith("connected_slaves"))
                    .toList());
        }
        return state;
    }
}
