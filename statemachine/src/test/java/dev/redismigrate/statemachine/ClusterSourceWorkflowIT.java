package dev.redismigrate.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.container.SyncContainer;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.params.SourceParameter;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/**
 * The cloud workflow over a Redis Cluster source of three primaries into a standalone target, end to end: the real
 * {@code migration.asl.json}, every Lambda step's real handler, and one real sync container per shard in this JVM
 * ({@link InProcessSyncContainers}: the engine runs that one shard, with the shard's own lease, credential on the
 * locked target and progress). Validate lists the three shards, RunSync starts three containers, which finish together
 * (each waits until all have drained, the first one's finish gate verifies every primary) with the target holding
 * exactly the source, writes made during the sync included; or all of them stop on a cancel, each removing its
 * checkpoint; or one of them fails and the others stop on its mark before the cleanup. Either way the primaries' parameters are put back and the target is unlocked at the end.
 */
@Timeout(240)
class ClusterSourceWorkflowIT {
    private static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(150);
    /** {@link RedisCluster#form}'s even split of the slots over three primaries: each shard named by its range. */
    private static final List<String> SHARD_IDS = List.of("0-5460", "5461-10921", "10922-16383");
    private static final int KEYS = 3000;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final Clock clock = Clock.systemUTC();
    private final TaskStore store = new InMemoryTaskStore();
    private final InMemoryTargetClaim claims = new InMemoryTargetClaim();
    private final CloudServices services = new CloudServices(new CloudServices.Ports(store, claims,
            new LocalSecretResolver(), new LocalCloudChecks(), new LocalWorkflow.NotInTheStateMachine(),
            LocalWorkflow.NO_SYNC_TASKS, clock));
    private final List<LocalExecution.Running> executions = new ArrayList<>();
    private RedisCluster cluster;
    private RedisServer target;
    private LocalWorkflow workflow;
    private List<Map<String, Object>> parametersBefore;
    private List<String> targetAclBefore;

    @BeforeEach
    void start() throws Exception {
        cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        target = redis.start(RedisVersion.V7_0, RedisServerConfig.defaults().aclUser("app on >app-pass ~* &* +@all"));
        parametersBefore = primaryParameters();
        targetAclBefore = target.aclList();
        try (JedisCluster app = app()) {
            for (int i = 0; i < KEYS; i++) {
                app.set("key:" + i, "value-" + i);
            }
            app.rpush("list", "a", "b", "c");
            app.hset("hash", Map.of("f1", "v1", "f2", "v2"));
        }
        workflow = LocalWorkflow.start(services);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (LocalExecution.Running execution : executions) {
            execution.close();
        }
        if (workflow != null) {
            workflow.close();
        }
    }

    @Test
    void everyShardRunsInAContainerOfItsOwnAndTheyFinishTogetherWithTheWholeSource() throws Exception {
        MigrationTask task = startedTask();
        LocalExecution.Result result;
        try (InProcessSyncContainers containers = workflow.containers()) {
            LocalExecution.Running execution = start(task);
            workflow.awaitSyncing(task, execution, containers, SHARD_IDS.size());
            assertThat(containers.launches()).extracting(InProcessSyncContainers.Launch::shard)
                    .containsExactlyInAnyOrderElementsOf(workflow.stored(task).syncs());
            assertThat(target.canWrite("app", "app-pass")).as("target locked while syncing").isFalse();
            writeWhileSyncing();
            new RequestStop(store, clock).finish(task.id(), false);
            result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as("%s %s: %s", result.error(), result.cause(), result.events())
                    .isEqualTo("SUCCEEDED");
            for (int i = 0; i < SHARD_IDS.size(); i++) {
                assertThat(containers.ending(i)).as(containers.launches().get(i).syncKey())
                        .contains(SyncContainer.Ending.FINISHED);
            }
        }
        assertThat(validatedShards(result)).as("Validate lists one shard per primary")
                .containsExactlyElementsOf(SHARD_IDS);
        assertThat(workflow.stored(task).syncs()).extracting(SyncShard::node)
                .containsExactlyElementsOf(cluster.primaries().stream().map(p -> p.host() + ":" + p.port()).toList());
        MigrationTask finished = workflow.stored(task);
        assertThat(finished.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(finished.summary().keysApplied()).as("every shard's keys together").isGreaterThanOrEqualTo(KEYS);
        assertThat(targetData()).as("the target holds exactly the source").isEqualTo(sourceData());
        assertEverythingPutBack(task);
    }

    @Test
    void aCancelStopsEveryShardsContainerAndTheTargetIsUnlocked() throws Exception {
        MigrationTask task = startedTask();
        try (InProcessSyncContainers containers = workflow.containers()) {
            LocalExecution.Running execution = start(task);
            workflow.awaitSyncing(task, execution, containers, SHARD_IDS.size());
            new RequestStop(store, clock).cancel(task.id());
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
            assertThat(result.error()).isEqualTo("Migration.Cancelled");
            assertThat(result.statesEntered()).containsSubsequence("RunSync", "RestoreParameters", "Unlock",
                    "RecordOutcome", "Cancelled");
            // each shard reports its cancel as a result, so none is stopped by the Map before it stopped by itself
            for (int i = 0; i < SHARD_IDS.size(); i++) {
                assertThat(containers.ending(i)).as(containers.launches().get(i).syncKey())
                        .contains(SyncContainer.Ending.CANCELLED);
            }
        }
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.CANCELLED);
        assertEverythingPutBack(task);
    }

    @Test
    void aShardThatFailsStopsItsSiblingsBeforeTheTargetIsUnlocked() throws Exception {
        MigrationTask task = startedTask();
        try (InProcessSyncContainers containers = workflow.containers(InProcessSyncContainers.Behaviour.FAIL)) {
            LocalExecution.Running execution = start(task);
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
            assertThat(result.statesEntered()).containsSubsequence("RunSync", "RestoreParameters", "Unlock");
            assertThat(containers.ending(0)).contains(SyncContainer.Ending.FAILED);
            MigrationTask failed = workflow.stored(task);
            assertThat(failed.shardFailure().shard()).isEqualTo(containers.launches().get(0).shard().id());
            for (int i = 1; i < SHARD_IDS.size(); i++) {
                // stopped on the failed shard's mark, undoing nothing: not refused later by the ended execution
                assertThat(containers.ending(i)).as(containers.launches().get(i).syncKey())
                        .contains(SyncContainer.Ending.SUPERSEDED);
                assertThat(containers.endedOn(i).orElseThrow()).as(containers.launches().get(i).syncKey())
                        .isBefore(result.enteredAt("Unlock"));
            }
        }
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.FAILED);
        try (Jedis t = target.client()) {
            assertThat(t.keys("__redis-migrate:*")).as("the checkpoints kept for a resume").isNotEmpty();
        }
    }

    /** A task from one node of the cluster (any node will do) into the target, start pressed. */
    private MigrationTask startedTask() {
        RedisServer node = cluster.nodes().get(1);
        return workflow.started(MigrationTask.create("shards", SourceSpec.of(RedisEndpoint.of(node.host(), node.port())),
                TargetSpec.of(RedisEndpoint.of(target.host(), target.port())), null, ParameterCatalogue.defaults(),
                clock.instant()));
    }

    /** Started; its process refuses the execution's tokens after the result until the test ends. */
    private LocalExecution.Running start(MigrationTask task) throws IOException {
        LocalExecution.Running running = workflow.execution(task).refusingTokensAfterResult().start();
        executions.add(running);
        return running;
    }

    /** The ids of {@code $.validation.shards}, as the Validate state put them out. */
    private static List<String> validatedShards(LocalExecution.Result result) {
        JsonNode exited = result.events().stream().filter(e -> "StateExited".equals(e.path("type").asText())
                        && "Validate".equals(e.path("state").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("Validate never exited: " + result.events()));
        List<String> ids = new ArrayList<>();
        exited.path("state").path("output").path("validation").path("shards").forEach(s -> ids.add(s.path("id").asText()));
        return ids;
    }

    private void writeWhileSyncing() {
        try (JedisCluster app = app()) {
            IntStream.range(0, 100).forEach(i -> app.set("written-while-syncing:" + i, "w" + i));
            app.incrBy("counter", 5);
            app.del("key:7");
        }
    }

    private void assertEverythingPutBack(MigrationTask task) {
        assertThat(primaryParameters()).as("every primary's parameters").isEqualTo(parametersBefore);
        assertThat(target.aclList()).as("the target's ACL, every shard's user gone").isEqualTo(targetAclBefore);
        assertThat(target.canWrite("app", "app-pass")).isTrue();
        assertThat(claims.holder(task.target().endpoint().address())).isEmpty();
        try (Jedis t = target.client()) {
            assertThat(t.keys("__redis-migrate:*")).as("no checkpoint left").isEmpty();
        }
    }

    /** Every key of every primary with its value (DUMP: type and content), by name. */
    private Map<String, String> sourceData() {
        Map<String, String> data = new TreeMap<>();
        cluster.primaries().forEach(primary -> data.putAll(dump(primary)));
        return data;
    }

    private Map<String, String> targetData() {
        return dump(target);
    }

    private static Map<String, String> dump(RedisServer server) {
        Map<String, String> data = new TreeMap<>();
        try (Jedis jedis = server.client()) {
            for (String key : jedis.keys("*")) {
                data.put(key, Base64.getEncoder().encodeToString(jedis.dump(key)));
            }
        }
        return data;
    }

    private List<Map<String, Object>> primaryParameters() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (RedisServer primary : cluster.primaries()) {
            Map<String, Object> values = new TreeMap<>();
            try (Jedis jedis = primary.client()) {
                for (SourceParameter parameter : ParameterCatalogue.all()) {
                    values.put(parameter.name(), jedis.configGet(parameter.name()));
                }
            }
            all.add(values);
        }
        return all;
    }

    private JedisCluster app() {
        RedisServer first = cluster.nodes().get(0);
        return new JedisCluster(new HostAndPort(first.host(), first.port()));
    }
}
