package dev.redismigrate.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.functions.StartSyncHandler;
import dev.redismigrate.functions.workflow.ValidationOutcome;
import dev.redismigrate.testkit.NodeTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The RunSync Map over a cluster source's three shards: one start-sync (the real handler) and one container per shard,
 * each with its own task token; finish and cancel end every shard, one shard's failure fails the Map and the other
 * shards' containers are refused by their tokens at their next heartbeat and stop, and a shard whose container dies
 * gets a new one (its heartbeat timeout retried) while the others keep theirs. Every shard's result reaches
 * RecordOutcome. The steps around RunSync answer as they would for
 * such a task (Validate lists the three shards); what the real steps and container do with Redis is
 * {@code MigrationWorkflowIT}'s.
 */
@Timeout(120)
class RunSyncMapIT {
    private static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(60);
    private static final List<SyncShard> SHARDS = List.of(new SyncShard("0-5460", "127.0.0.1:7000", "0-5460"),
            new SyncShard("5461-10922", "127.0.0.1:7001", "5461-10922"),
            new SyncShard("10923-16383", "127.0.0.1:7002", "10923-16383"));
    private static final String TASK = "k3xq7m2p9c4a";

    private final InMemorySyncTokens tokens = new InMemorySyncTokens();
    private final AtomicReference<JsonNode> recordedRun = new AtomicReference<>();
    private final List<LocalExecution.Running> executions = new ArrayList<>();
    private NodeTools node;
    private LambdaBridge bridge;
    private ShardContainers containers;

    @BeforeEach
    void startBridge() throws IOException {
        node = NodeTools.require("aws-local-stepfunctions");
        bridge = LambdaBridge.start();
        containers = new ShardContainers(tokens, bridge::stepFunctionsEndpoint);
        bridge.register("ValidateFunctionArn", answering(new ValidationOutcome(true, 0, 0, SHARDS)))
                .register("LockFunctionArn", answering(Map.of()))
                .register("SetParametersFunctionArn", answering(Map.of()))
                .register("StartSyncFunctionArn", new StartSyncHandler(tokens, containers))
                .register("RestoreParametersFunctionArn", answering(Map.of()))
                .register("UnlockFunctionArn", answering(Map.of()))
                .register("RecordOutcomeFunctionArn", this::recordOutcome);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (containers != null) {
            containers.close();
        }
        for (LocalExecution.Running execution : executions) {
            execution.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void finishEndsEveryShardAndTheTaskFinishes() throws Exception {
        LocalExecution.Running execution = start(execution());
        awaitLaunches(execution);
        assertThat(containers.launches()).extracting(ShardContainers.Launch::shard).containsExactlyInAnyOrderElementsOf(SHARDS);
        assertThat(containers.launches()).extracting(ShardContainers.Launch::runId).doesNotHaveDuplicates();

        containers.request(DesiredState.FINISH);
        LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

        assertThat(result.status()).as("%s %s: %s", result.error(), result.cause(), result.events()).isEqualTo("SUCCEEDED");
        assertThat(result.statesEntered()).filteredOn("SyncShard"::equals).hasSize(3);
        assertThat(result.statesEntered()).containsSubsequence("RunSync", "RestoreParameters", "Unlock", "RecordOutcome",
                "Finished");
        for (SyncShard shard : SHARDS) {
            assertThat(containers.ending(shard.id())).contains(ShardContainers.Ending.FINISHED);
        }
        assertThat(recordedRun.get().path("sync")).as("every shard's result, in the shards' order, is RecordOutcome's")
                .extracting(shardResult -> shardResult.path("summary").path("keysApplied").asLong())
                .containsExactlyElementsOf(SHARDS.stream().map(shard -> (long) shard.id().length()).toList());
    }

    @Test
    void aShardWhoseContainerDiesGetsANewOneAndTheOthersKeepTheirs() throws Exception {
        LocalExecution.Running execution = start(execution().heartbeatOverride("SyncShard", 1500)
                .retryOverride("SyncShard", 0));
        awaitLaunches(execution, SHARDS.size());
        String dead = SHARDS.get(2).id();

        containers.die(dead);
        awaitLaunches(execution, SHARDS.size() + 1);
        containers.request(DesiredState.FINISH);
        LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

        assertThat(result.status()).as("%s %s: %s", result.error(), result.cause(), result.events()).isEqualTo("SUCCEEDED");
        assertThat(result.retries("SyncShard")).isEqualTo(1);
        List<ShardContainers.Launch> launches = containers.launches();
        assertThat(launches).as("only the dead shard is launched again").hasSize(SHARDS.size() + 1);
        assertThat(launches.get(SHARDS.size()).shard().id()).as("the new container is the dead shard's").isEqualTo(dead);
        assertThat(launches).extracting(ShardContainers.Launch::runId).doesNotHaveDuplicates();
        for (SyncShard shard : SHARDS) {
            assertThat(containers.ending(shard.id())).as(shard.id()).contains(ShardContainers.Ending.FINISHED);
        }
    }

    @Test
    void cancelStopsEveryShardAndTheCleanupRuns() throws Exception {
        LocalExecution.Running execution = start(execution());
        awaitLaunches(execution);

        containers.request(DesiredState.CANCEL);
        LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("Migration.Cancelled");
        assertThat(result.statesEntered()).containsSubsequence("RunSync", "RestoreParameters", "Unlock", "RecordOutcome",
                "Cancelled");
        assertThat(recordedRun.get().path("error").isNull()).as("no shard's cancel failed the Map").isTrue();
        for (SyncShard shard : SHARDS) {
            assertThat(containers.ending(shard.id())).as("every shard stopped by itself").contains(ShardContainers.Ending.CANCELLED);
        }
    }

    @Test
    void oneShardFailingFailsTheMapAndTheOtherShardsStop() throws Exception {
        LocalExecution.Running execution = start(execution());
        awaitLaunches(execution);

        containers.fail(SHARDS.get(1).id());
        LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("Migration.Failed");
        assertThat(recordedRun.get().path("error").path("Error").asText()).isEqualTo("Migration.SyncFailed");
        assertThat(result.statesEntered()).containsSubsequence("RunSync", "RestoreParameters", "Unlock", "RecordOutcome");
        awaitEveryShardEnded();
        assertThat(containers.ending(SHARDS.get(1).id())).contains(ShardContainers.Ending.FAILED);
        for (SyncShard sibling : List.of(SHARDS.get(0), SHARDS.get(2))) {
            assertThat(containers.ending(sibling.id())).as("refused by its token").contains(ShardContainers.Ending.SUPERSEDED);
        }
    }

    /** Started; its process refuses the execution's tokens after the result until the test ends. */
    private LocalExecution.Running start(LocalExecution execution) throws IOException {
        LocalExecution.Running running = execution.start();
        executions.add(running);
        return running;
    }

    private LocalExecution execution() {
        return LocalExecution.of(node, bridge).input(Map.of("taskId", TASK)).executionName("mig-" + TASK)
                .refusingTokensAfterResult()
                .retryOverride("Validate", 0).retryOverride("Lock", 0).retryOverride("SetParameters", 0)
                .retryOverride("Unlock", 0).retryOverride("RecordOutcome", 0);
    }

    /**
     * RecordOutcome as the real one decides for a task without cleanup problems: the error, else a shard stopped by a
     * cancel, else finished.
     */
    private void recordOutcome(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode run = TaskJson.mapper().readTree(in).path("run");
        recordedRun.set(run);
        String error = run.path("error").path("Error").asText(null);
        boolean cancelled = run.path("sync").findValuesAsText("stoppedBy").contains("CANCEL");
        String status = error != null ? "FAILED" : cancelled ? "CANCELLED" : "FINISHED";
        TaskJson.mapper().writeValue(out, Map.of("status", status, "message", status.toLowerCase()));
    }

    private static RequestStreamHandler answering(Object output) {
        return (in, out, context) -> TaskJson.mapper().writeValue(out, output);
    }

    private void awaitLaunches(LocalExecution.Running execution) throws InterruptedException {
        awaitLaunches(execution, SHARDS.size());
    }

    private void awaitLaunches(LocalExecution.Running execution, int launches) throws InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (containers.launches().size() < launches) {
            assertThat(execution.isDone()).as("the execution ended before every shard was launched").isFalse();
            assertThat(Instant.now()).as("launches: %s", containers.launches()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private void awaitEveryShardEnded() throws InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (SHARDS.stream().anyMatch(shard -> containers.ending(shard.id()).isEmpty())) {
            assertThat(Instant.now()).as("a shard's container never stopped").isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
