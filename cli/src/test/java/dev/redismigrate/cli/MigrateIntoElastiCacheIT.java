package dev.redismigrate.cli;

import static dev.redismigrate.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import dev.redismigrate.testkit.elasticache.EmulatedElastiCache;
import dev.redismigrate.testkit.elasticache.RefusedCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The local CLI against an emulated ElastiCache replication group ({@link EmulatedElastiCache}: a proxy refusing what
 * ElastiCache refuses, in front of a real server; with cluster mode enabled one per node) given by its endpoint only: a machine outside the stack has no
 * ElastiCache API, so nothing can lock the target, and only an accepted unlocked migration runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MigrateIntoElastiCacheIT {
    private static final String AUTH_TOKEN = "auth-token-0123456789";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    private final EmulatedElastiCache elastiCache = new EmulatedElastiCache(Duration.ofMillis(300));

    @AfterEach
    void close() {
        elastiCache.close();
    }

    @Test
    void anElastiCacheEndpointCannotBeLockedLocallyAndIsMigratedOnlyWhenAnUnlockedTargetIsAccepted() {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0"));
        try (Jedis s = source.client()) {
            for (int i = 0; i < 100; i++) {
                s.set("k" + i, "v" + i);
            }
        }
        elastiCache.defineSecurityGroup("sg-open", Set.of(EmulatedElastiCache.ANYWHERE));
        ReplicationGroup group = elastiCache.addReplicationGroup("orders-cache", redis.start(RedisVersion.SYSTEM),
                AuthMode.AUTH_TOKEN, AUTH_TOKEN, List.of("sg-open"));
        String targetUri = "redis://:" + AUTH_TOKEN + "@" + group.endpointHost() + ":" + group.endpointPort();

        CommandRun refused = run("validate", "--source", source.uri(), "--target", targetUri, "--state-dir", stateDir.toString());

        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(refused.out()).contains("ERROR    target.lockable").contains("--allow-unlocked-target")
                .contains("--target-instance-id");
        // The probe learns that the target cannot be locked from these refusals; they change nothing.
        List<String> triedByValidation = refusedCommands();
        assertThat(triedByValidation).containsOnly("config", "acl setuser");

        CommandRun run = run("migrate", "--source", source.uri(), "--target", targetUri, "--allow-unlocked-target",
                "--name", "orders", "--finish-when-synced", "--verify", "counts", "--state-dir", stateDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("WARNING  target.lockable").doesNotContain(AUTH_TOKEN);
        MigrationTask task = new LocalFileTaskStore(stateDir).resolve("orders");
        assertThat(task.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(task.lastValidation().lockStrategy()).isEqualTo(LockStrategy.NONE);
        List<String> all = refusedCommands();
        // migrate validates when it creates the task and again when it starts it: the same probe each time
        assertThat(all.subList(triedByValidation.size(), all.size()))
                .as("the migration sent no restricted command beyond its own validations' probes")
                .isEqualTo(Collections.nCopies(2, triedByValidation).stream().flatMap(List::stream).toList());
        try (Jedis target = elastiCache.adminClient("orders-cache")) {
            assertThat(target.dbSize()).isEqualTo(100);
            assertThat(target.get("k42")).isEqualTo("v42");
        }
    }

    @Test
    void aClusterModeGroupGivenByItsConfigurationEndpointIsMigratedIntoEveryShard() {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0"));
        try (Jedis s = source.client()) {
            for (int i = 0; i < 300; i++) {
                s.set("k" + i, "v" + i);
            }
        }
        List<RedisServer> nodes = IntStream.range(0, 3)
                .mapToObj(i -> redis.start(RedisVersion.SYSTEM, RedisCluster.nodeConfig())).toList();
        elastiCache.defineSecurityGroup("sg-open", Set.of(EmulatedElastiCache.ANYWHERE));
        ReplicationGroup group = elastiCache.addClusterModeGroup("sharded-cache", RedisCluster.form(nodes, 3),
                AuthMode.AUTH_TOKEN, AUTH_TOKEN, List.of("sg-open"));
        String targetUri = "redis://:" + AUTH_TOKEN + "@" + group.endpointHost() + ":" + group.endpointPort();

        CommandRun run = run("migrate", "--source", source.uri(), "--target", targetUri, "--allow-unlocked-target",
                "--name", "sharded", "--finish-when-synced", "--verify", "full", "--state-dir", stateDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("PASS     target.topology").doesNotContain(AUTH_TOKEN);
        assertThat(new LocalFileTaskStore(stateDir).resolve("sharded").status()).isEqualTo(TaskStatus.FINISHED);
        long keys = 0;
        for (RedisServer node : nodes) {
            try (Jedis direct = node.client()) {
                direct.auth(AUTH_TOKEN);
                keys += direct.dbSize();
            }
        }
        assertThat(keys).as("keys over the three shards").isEqualTo(300);
        assertThat(elastiCache.proxies("sharded-cache")).as("only validation's probes were refused, on any node")
                .allSatisfy(node -> assertThat(node.refused()).extracting(RefusedCommand::command)
                        .isSubsetOf("config", "acl setuser"));
    }

    private List<String> refusedCommands() {
        return elastiCache.proxy("orders-cache").refused().stream().map(RefusedCommand::command).toList();
    }
}
