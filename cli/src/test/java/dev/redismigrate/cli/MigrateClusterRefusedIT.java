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
 * A Redis Cluster node given as an ordinary {@code redis://} target address is refused by validation before the lock,
 * the source's parameters or any data are touched: what an operator who tries it sees. (A cluster source is migrated:
 * {@code MigrateClusterSourceIT}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MigrateClusterRefusedIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    @Test
    void anEmptyClusterNodeAsTargetIsRefusedAndNothingChanges() {
        RedisServer source = redis.start(RedisVersion.V7_0);
        try (Jedis s = source.client()) {
            s.set("k", "v");
        }
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        List<RedisServer> everyServer = with(source, cluster.nodes());
        List<Map<String, Object>> before = states(everyServer);

        CommandRun run = run("migrate", "--source", source.uri(), "--target", cluster.primaries().get(1).uri(),
                "--state-dir", stateDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(run.out()).contains("ERROR    target.topology").contains("cluster targets are not supported yet")
                .contains("1 error,").contains("nothing was changed");
        assertThat(states(everyServer)).isEqualTo(before);
        assertThat(new LocalFileTaskStore(stateDir).list()).allSatisfy(task -> assertThat(task.lock()).isNull());
    }

    private static List<RedisServer> with(RedisServer server, List<RedisServer> others) {
        List<RedisServer> all = new ArrayList<>(others);
        all.add(server);
        return all;
    }

    private static List<Map<String, Object>> states(List<RedisServer> servers) {
        return servers.stream().map(MigrateClusterRefusedIT::state).toList();
    }

    /** What the migration would change: keys, the source parameters it sets, ACL users (the lock), replicas. */
    private static Map<String, Object> state(RedisServer server) {
        Map<String, Object> state = new TreeMap<>();
        try (Jedis jedis = server.client()) {
            for (String key : jedis.keys("*")) {
                state.put("key " + key, jedis.get(key));
            }
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
