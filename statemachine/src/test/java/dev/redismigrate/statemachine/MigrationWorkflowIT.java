package dev.redismigrate.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.container.SyncContainer;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.Executions;
import dev.redismigrate.core.port.StatusEvents.StatusChange;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.store.StatusAnnouncingTaskStore;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.usecase.cloud.MigrationStarts;
import dev.redismigrate.core.usecase.cloud.ResumeCloudTask;
import dev.redismigrate.core.usecase.cloud.StartedRun;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.functions.RestoreParametersHandler;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The real {@code migration.asl.json}, executed by aws-local-stepfunctions, every Lambda step answered by the real
 * handlers of module functions over the {@link LambdaBridge}, and the sync by the real container of module
 * sync-container ({@link InProcessSyncContainers}: the ShardedSyncRunner engine), against real Redis servers. The
 * tasks live in memory and the passwords are local references; nothing else is a stand-in. Each scenario checks the
 * task's final status and that the source's parameters and the target's ACLs are what they were before (or, where
 * cleanup cannot succeed, that the task says so and keeps what is needed to finish the job).
 */
@Timeout(120)
class MigrationWorkflowIT {
    private static final Duration EXECUTION_TIMEOUT = LocalWorkflow.EXECUTION_TIMEOUT;
    private static final List<String> MIGRATION_PARAMETERS = List.of("repl-backlog-size", "repl-timeout");

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final Clock clock = Clock.systemUTC();
    private final List<StatusChange> announced = Collections.synchronizedList(new ArrayList<>());
    /** As in the cloud composition: every status change a step stores is announced. */
    private final TaskStore store = new StatusAnnouncingTaskStore(new InMemoryTaskStore(), announced::add);
    private final InMemoryTargetClaim claims = new InMemoryTargetClaim();
    private final CloudServices services = new CloudServices(new CloudServices.Ports(store, claims,
            new LocalSecretResolver(), new LocalCloudChecks(), new LocalWorkflow.NotInTheStateMachine(),
            LocalWorkflow.NO_SYNC_TASKS, clock));
    private LocalWorkflow workflow;
    private LambdaBridge bridge;
    private RedisServer source;
    private RedisServer target;
    private Map<String, String> sourceParametersBefore;
    private List<String> targetAclBefore;

    @BeforeEach
    void start() throws Exception {
        // No 5 s wait for more replicas before a diskless snapshot: the sync starts at once.
        source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0"));
        target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().aclUser("app on >app-pass ~* &* +@all"));
        sourceParametersBefore = sourceParameters();
        targetAclBefore = target.aclList();
        try (Jedis jedis = source.client()) {
            for (int i = 0; i < 200; i++) {
                jedis.set("key:" + i, "value-" + i);
            }
            jedis.rpush("list", "a", "b", "c");
            jedis.hset("hash", Map.of("f1", "v1", "f2", "v2"));
        }
        workflow = LocalWorkflow.start(services);
        bridge = workflow.bridge();
    }

    /**
     * The container printed its progress as Embedded Metric Format lines: namespace RedisMigrate, by Stack and TaskId
     * and by Stack alone, every declared metric with a value, the applied offset and key counts among them; the
     * task token in none.
     */
    private static void assertProgressMetrics(MigrationTask task, InProcessSyncContainers containers) throws IOException {
        List<String> lines = containers.metricLines();
        assertThat(lines).isNotEmpty();
        Set<String> names = new HashSet<>();
        for (String line : lines) {
            JsonNode json = TaskJson.mapper().readTree(line);
            JsonNode directive = json.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("RedisMigrate");
            assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Stack\",\"TaskId\"],[\"Stack\"]]");
            assertThat(json.path("TaskId").asText()).isEqualTo(task.id());
            directive.path("Metrics").forEach(metric -> {
                names.add(metric.path("Name").asText());
                assertThat(json.path(metric.path("Name").asText()).isNumber()).as(line).isTrue();
            });
            assertThat(line).doesNotContain(containers.launches().get(0).token());
        }
        assertThat(names).contains("AppliedOffset", "SourceOffset", "KeysApplied", "SourceKeys", "TargetKeys", "LagBytes");
    }

    /** Each status the task passed through was announced once, in order, naming the status before it. */
    private void assertStatusChangesAnnounced(MigrationTask task, TaskStatus... expectedEnd) {
        List<StatusChange> changes;
        synchronized (announced) {
            changes = announced.stream().filter(change -> change.taskId().equals(task.id())).toList();
        }
        assertThat(changes).extracting(StatusChange::status).endsWith(expectedEnd);
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).previousStatus()).as("before %s", changes.get(i)).isEqualTo(changes.get(i - 1).status());
        }
        assertThat(changes).extracting(StatusChange::name).containsOnly(task.name());
    }

    @AfterEach
    void stop() {
        if (workflow != null) {
            workflow.close();
        }
    }

    @Test
    void finishesAndPutsEverythingBack() throws Exception {
        MigrationTask task = startedTask(null);
        try (InProcessSyncContainers containers = workflow.containers()) {
            LocalExecution.Running execution = workflow.execution(task).start();
            workflow.awaitSyncing(task, execution, containers, 1);
            assertThat(sourceParameters()).as("parameters set while syncing").isNotEqualTo(sourceParametersBefore);
            assertThat(target.canWrite("app", "app-pass")).as("target locked while syncing").isFalse();
            writeWhileSyncing();
            new RequestStop(store, clock).finish(task.id(), false);
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.events().toString()).isEqualTo("SUCCEEDED");
            assertThat(result.statesEntered()).containsExactly("Prepare", "HasScheduledStart", "Validate", "ValidationPassed",
                    "Lock", "SetParameters", "RunSync", "SyncShard", "RestoreParameters", "Unlock", "RecordOutcome", "Outcome", "Finished");
            assertThat(containers.ending(0)).contains(SyncContainer.Ending.FINISHED);
            assertProgressMetrics(task, containers);
        }
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.FINISHED);
        assertStatusChangesAnnounced(task, TaskStatus.VALIDATING, TaskStatus.SYNCING, TaskStatus.FINISHING, TaskStatus.FINISHED);
        assertThat(store.find(task.id()).orElseThrow().summary().keysApplied()).isGreaterThanOrEqualTo(202);
        assertTargetHoldsTheSource();
        assertEverythingPutBack(task);
    }

    @Test
    void aValidationErrorEndsAsValidationFailedWithoutTouchingAnything() throws Exception {
        try (Jedis jedis = target.client()) {
            jedis.set("left-over", "from an earlier test"); // the target must be empty
        }
        MigrationTask task = startedTask(null);
        LocalExecution.Result result = workflow.execution(task).start().await(EXECUTION_TIMEOUT);

        assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
        assertThat(result.error()).as("%s: %s", result.cause(), result.events()).isEqualTo("Migration.ValidationFailed");
        assertThat(bridge.invocations()).containsExactly("ValidateFunctionArn");
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.VALIDATION_FAILED);
        assertThat(store.find(task.id()).orElseThrow().lastValidation().results())
                .anySatisfy(r -> assertThat(r.id()).isEqualTo("target.empty"));
        assertEverythingPutBack(task);
    }

    @Test
    void aLockFailureGoesThroughCleanupAndFailsTheTask() throws Exception {
        MigrationTask task = startedTask(null);
        claims.claim(task.target().endpoint().address(), "another-task");
        LocalExecution.Result result = workflow.execution(task).start().await(EXECUTION_TIMEOUT);

        assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("Migration.Failed");
        assertThat(result.cause()).contains("in use by task another-task");
        assertThat(bridge.invocations()).containsExactly("ValidateFunctionArn", "LockFunctionArn",
                "RestoreParametersFunctionArn", "UnlockFunctionArn", "RecordOutcomeFunctionArn");
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.FAILED);
        assertThat(claims.holder(task.target().endpoint().address())).as("the other task keeps its claim").contains("another-task");
        assertEverythingPutBack(task);
    }

    @Test
    void aCancelDuringTheSyncCleansUpAndEndsCancelled() throws Exception {
        MigrationTask task = startedTask(null);
        try (InProcessSyncContainers containers = workflow.containers()) {
            LocalExecution.Running execution = workflow.execution(task).start();
            workflow.awaitSyncing(task, execution, containers, 1);
            new RequestStop(store, clock).cancel(task.id());
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
            assertThat(result.error()).isEqualTo("Migration.Cancelled");
            assertThat(result.statesEntered()).contains("RestoreParameters", "Unlock", "RecordOutcome", "Cancelled");
            assertThat(containers.ending(0)).contains(SyncContainer.Ending.CANCELLED);
        }
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.CANCELLED);
        assertEverythingPutBack(task);
    }

    @Test
    void aContainerCutOffMissesItsHeartbeatIsStoppedAndANewOneResumesTheSameTaskFromItsCheckpoint() throws Exception {
        resumedAfterACutOff(InProcessSyncContainers.Behaviour.CUT_OFF, SyncContainer.Ending.STOPPED);
    }

    @Test
    void aContainerCutOffEvenFromStopRequestsStopsItselfWhenItCannotRenewItsLeaseBeforeTheNewOneSyncs() throws Exception {
        resumedAfterACutOff(InProcessSyncContainers.Behaviour.CUT_OFF_ENTIRELY, SyncContainer.Ending.SUPERSEDED);
    }

    /**
     * The first container is cut off once it has a checkpoint; the state times out on its heartbeat and its retry
     * starts a second container, which resumes the task from the checkpoint and finishes it. The first one ended (was
     * stopped, or stopped itself for want of its lease) before the second held the task: never two writers.
     */
    private void resumedAfterACutOff(InProcessSyncContainers.Behaviour cutOff, SyncContainer.Ending firstEnding)
            throws Exception {
        MigrationTask task = startedTask(null);
        try (InProcessSyncContainers containers = workflow.containers(cutOff)) {
            LocalExecution.Running execution = workflow.execution(task).heartbeatOverride("SyncShard", 4000).retryOverride("SyncShard", 0).start();
            workflow.awaitSyncing(task, execution, containers, 2);
            awaitEvent(task, "resume");
            writeWhileSyncing();
            new RequestStop(store, clock).finish(task.id(), false);
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("SUCCEEDED");
            assertThat(result.retries("SyncShard")).isEqualTo(1);
            List<InProcessSyncContainers.Launch> launches = containers.launches();
            assertThat(launches).extracting(InProcessSyncContainers.Launch::taskId).containsExactly(task.id(), task.id());
            assertThat(launches.get(0).token()).as("each attempt has its own token").isNotEqualTo(launches.get(1).token());
            assertThat(containers.ending(1)).contains(SyncContainer.Ending.FINISHED);
            assertThat(containers.ending(0)).as("the cut-off container").contains(firstEnding);
            assertThat(containers.endedAt(0).orElseThrow()).as("the first container ended before the second held the task")
                    .isLessThan(containers.leaseTakenAt(1).orElseThrow());
        }
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.FINISHED);
        assertTargetHoldsTheSource();
        assertEverythingPutBack(task);
    }

    @Test
    void aFailedTaskResumedInItsSecondExecutionIsLockedAgainAndContinuesFromTheCheckpoint() throws Exception {
        MigrationTask task = startedTask(null);
        try (InProcessSyncContainers containers = workflow.containers(
                InProcessSyncContainers.Behaviour.CUT_OFF, InProcessSyncContainers.Behaviour.CUT_OFF)) {
            LocalExecution.Result first = workflow.execution(task).heartbeatOverride("SyncShard", 4000).retryOverride("SyncShard", 0)
                    .start().await(EXECUTION_TIMEOUT);
            assertThat(first.status()).as(first.toString()).isEqualTo("FAILED");
            assertThat(workflow.status(task)).isEqualTo(TaskStatus.FAILED);
            assertThat(target.canWrite("app", "app-pass")).as("the failed run's cleanup unlocked the target").isTrue();

            List<String> started = new ArrayList<>();
            Executions recorded = new LocalWorkflow.NotInTheStateMachine() {
                @Override
                public void start(String name, String taskId, Instant waitUntil) {
                    started.add(name);
                }
            };
            StartedRun resumed = new ResumeCloudTask(store, new MigrationStarts(recorded, clock), new RecordOutcome(store, clock),
                    clock).resume(task.id());
            assertThat(started).containsExactly("mig-" + task.id() + "-2");
            LocalExecution.Running second = workflow.execution(task, resumed.executionName()).start();
            workflow.awaitSyncing(task, second, containers, 3);
            awaitEvent(task, "resume");
            assertThat(target.canWrite("app", "app-pass")).as("locked again").isFalse();
            writeWhileSyncing();
            new RequestStop(store, clock).finish(task.id(), false);
            LocalExecution.Result result = second.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("SUCCEEDED");
            assertThat(result.statesEntered()).as("validation is not run again on the migrated target")
                    .containsSubsequence("Validate", "ValidationPassed", "Lock", "SetParameters", "RunSync");
            assertThat(containers.ending(2)).contains(SyncContainer.Ending.FINISHED);
        }
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.FINISHED);
        assertTargetHoldsTheSource();
        assertEverythingPutBack(task);
    }

    @Test
    void aScheduledTimeInThePastStartsAtOnce() throws Exception {
        MigrationTask task = startedTask(Instant.now().minus(Duration.ofHours(1)));
        assertThat(task.status()).isEqualTo(TaskStatus.VALIDATING);
        LocalExecution.Result result = finishedExecution(task, workflow.execution(task));

        assertThat(result.statesEntered()).contains("WaitForScheduledStart");
        assertThat(result.timeIn("WaitForScheduledStart")).isLessThan(Duration.ofSeconds(2));
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.FINISHED);
        assertEverythingPutBack(task);
    }

    @Test
    void aScheduledTimeAheadWaitsThenValidatesAgain() throws Exception {
        MigrationTask task = startedTask(Instant.now().plus(Duration.ofHours(1)));
        assertThat(task.status()).isEqualTo(TaskStatus.SCHEDULED);
        LocalExecution.Result result = finishedExecution(task, workflow.execution(task).waitOverride("WaitForScheduledStart", 300));

        assertThat(result.timeIn("WaitForScheduledStart")).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(result.statesEntered()).containsSubsequence("WaitForScheduledStart", "Validate", "Lock");
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.FINISHED);
        assertEverythingPutBack(task);
    }

    @Test
    void aTransientLambdaErrorInCleanupIsRetried() throws Exception {
        MigrationTask task = startedTask(null);
        bridge.failNextInvocation("RestoreParametersFunctionArn", "Lambda.ServiceException");
        LocalExecution.Result result = finishedExecution(task, workflow.execution(task).retryOverride("RestoreParameters", 0));

        assertThat(result.retries("RestoreParameters")).isEqualTo(1);
        assertThat(workflow.status(task)).isEqualTo(TaskStatus.FINISHED);
        assertEverythingPutBack(task);
    }

    @Test
    void aCleanupStepThatKeepsFailingStillUnlocksAndFailsTheTaskSayingWhy() throws Exception {
        RequestStreamHandler restore = new RestoreParametersHandler(services);
        bridge.register("RestoreParametersFunctionArn", (input, output, context) -> {
            source.kill(); // the source goes away right after the sync: its parameters cannot be put back
            restore.handleRequest(input, output, context);
        });
        MigrationTask task = startedTask(null);
        try (InProcessSyncContainers containers = workflow.containers()) {
            LocalExecution.Running execution = workflow.execution(task).start();
            workflow.awaitSyncing(task, execution, containers, 1);
            new RequestStop(store, clock).finish(task.id(), false);
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
            assertThat(result.error()).isEqualTo("Migration.Failed");
            assertThat(result.cause()).startsWith("cleanup failed: restoring source parameters: ").contains("cannot reach source");
        }
        MigrationTask failed = store.find(task.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(target.aclList()).as("the target is unlocked all the same").isEqualTo(targetAclBefore);
        assertThat(claims.holder(task.target().endpoint().address())).isEmpty();
        assertThat(failed.parameters()).as("what is needed to restore them later is kept")
                .allSatisfy(p -> assertThat(p.applied()).isTrue())
                .extracting(ParameterSetting::previous).doesNotContainNull();
        assertThat(failed.parameters()).extracting(ParameterSetting::name, ParameterSetting::previous)
                .containsExactlyElementsOf(sourceParametersBefore.entrySet().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue())).toList());
    }

    // ---- helpers ----

    /** A validated task between the test's servers, start pressed (SCHEDULED or VALIDATING). */
    private MigrationTask startedTask(Instant scheduledStart) {
        return workflow.started(MigrationTask.create("orders",
                SourceSpec.of(RedisEndpoint.of(source.host(), source.port())),
                TargetSpec.of(RedisEndpoint.of(target.host(), target.port())), scheduledStart,
                List.of(ParameterSetting.requested("repl-backlog-size", "256mb"), ParameterSetting.requested("repl-timeout", "600")),
                clock.instant()));
    }

    /** Runs the execution with a syncing container and finishes it once syncing; expects success. */
    private LocalExecution.Result finishedExecution(MigrationTask task, LocalExecution execution) throws Exception {
        return workflow.finishedExecution(task, execution, () -> { });
    }

    /** Until the sync reports an event of this kind (e.g. {@code resume}: continued from the target's checkpoint). */
    private void awaitEvent(MigrationTask task, String kind) throws InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (!Optional.ofNullable(store.find(task.id()).orElseThrow().progress()).map(p -> p.lastEvent())
                .map(SyncEvent::kind).orElse("").equals(kind)) {
            assertThat(Instant.now()).as("no %s event: %s", kind, store.find(task.id()).orElseThrow().progress()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** Writes during the sync go through the replication stream. */
    private void writeWhileSyncing() {
        try (Jedis jedis = source.client()) {
            jedis.set("written-while-syncing", "1");
            jedis.incrBy("counter", 5);
        }
    }

    private void assertTargetHoldsTheSource() {
        try (Jedis from = source.client(); Jedis to = target.client()) {
            assertThat(to.dbSize()).as("keys on the target").isEqualTo(from.dbSize());
            assertThat(to.get("key:199")).isEqualTo("value-199");
            assertThat(to.lrange("list", 0, -1)).containsExactly("a", "b", "c");
            assertThat(to.get("counter")).isEqualTo(from.get("counter"));
        }
    }

    private void assertEverythingPutBack(MigrationTask task) {
        assertThat(sourceParameters()).as("source parameters").isEqualTo(sourceParametersBefore);
        assertThat(target.aclList()).as("target ACL").isEqualTo(targetAclBefore);
        assertThat(target.canWrite("app", "app-pass")).isTrue();
        assertThat(claims.holder(task.target().endpoint().address())).isNotEqualTo(Optional.of(task.id()));
    }

    private Map<String, String> sourceParameters() {
        try (Jedis jedis = source.client()) {
            Map<String, String> values = new LinkedHashMap<>();
            MIGRATION_PARAMETERS.forEach(name -> values.put(name, jedis.configGet(name).get(name)));
            return values;
        }
    }

}
