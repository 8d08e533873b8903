package dev.redismigrate.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.testkit.NodeTools;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The real {@code migration.asl.json}, executed by aws-local-stepfunctions, every Lambda step answered by Java
 * handlers over the {@link LambdaBridge} and the sync by a {@link FakeSyncContainer}, against real Redis servers. Each
 * scenario checks the task's final status and that the source's parameters and the target's ACLs are what they were
 * before (or, where cleanup cannot succeed, that the task says so and keeps what is needed to finish the job).
 */
@Timeout(120)
class MigrationWorkflowIT {
    private static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> MIGRATION_PARAMETERS = List.of("repl-backlog-size", "repl-timeout");

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final Clock clock = Clock.systemUTC();
    private final TaskStore store = new InMemoryTaskStore();
    private final TargetClaim claims = new InMemoryTargetClaim();
    private final InTestSteps steps = new InTestSteps(store, claims, clock);
    private NodeTools node;
    private LambdaBridge bridge;
    private RedisServer source;
    private RedisServer target;
    private Map<String, String> sourceParametersBefore;
    private List<String> targetAclBefore;

    @BeforeEach
    void start() throws Exception {
        node = NodeTools.require("aws-local-stepfunctions");
        source = redis.start(RedisVersion.SYSTEM);
        target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().aclUser("app on >app-pass ~* &* +@all"));
        sourceParametersBefore = sourceParameters();
        targetAclBefore = targetAcl();
        bridge = LambdaBridge.start();
        steps.registerOn(bridge);
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void finishesAndPutsEverythingBack() throws Exception {
        MigrationTask task = startedTask(null);
        try (FakeSyncContainer containers = new FakeSyncContainer(store, clock)) {
            bridge.containers(containers);
            LocalExecution.Running execution = execution(task).start();
            awaitSyncing(task, execution, containers, 1);
            assertThat(sourceParameters()).as("parameters set while syncing").isNotEqualTo(sourceParametersBefore);
            assertThat(appCanWrite()).as("target locked while syncing").isFalse();
            new RequestStop(store, clock).finish(task.id(), false);
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.events().toString()).isEqualTo("SUCCEEDED");
            assertThat(result.statesEntered()).containsExactly("Prepare", "HasScheduledStart", "Validate", "ValidationPassed",
                    "Lock", "SetParameters", "RunSync", "RestoreParameters", "Unlock", "RecordOutcome", "Outcome", "Finished");
        }
        assertThat(status(task)).isEqualTo(TaskStatus.FINISHED);
        assertEverythingPutBack(task);
    }

    @Test
    void aValidationErrorEndsAsValidationFailedWithoutTouchingAnything() throws Exception {
        steps.validationFindsError = true;
        MigrationTask task = startedTask(null);
        LocalExecution.Result result = execution(task).start().await(EXECUTION_TIMEOUT);

        assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
        assertThat(result.error()).as("%s: %s", result.cause(), result.events()).isEqualTo("Migration.ValidationFailed");
        assertThat(bridge.invocations()).containsExactly("ValidateFunctionArn");
        assertThat(status(task)).isEqualTo(TaskStatus.VALIDATION_FAILED);
        assertEverythingPutBack(task);
    }

    @Test
    void aLockFailureGoesThroughCleanupAndFailsTheTask() throws Exception {
        MigrationTask task = startedTask(null);
        claims.claim(task.target().endpoint().address(), "another-task");
        LocalExecution.Result result = execution(task).start().await(EXECUTION_TIMEOUT);

        assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("Migration.Failed");
        assertThat(result.cause()).contains("in use by task another-task");
        assertThat(bridge.invocations()).containsExactly("ValidateFunctionArn", "LockFunctionArn",
                "RestoreParametersFunctionArn", "UnlockFunctionArn", "RecordOutcomeFunctionArn");
        assertThat(status(task)).isEqualTo(TaskStatus.FAILED);
        assertThat(claims.holder(task.target().endpoint().address())).as("the other task keeps its claim").contains("another-task");
        assertEverythingPutBack(task);
    }

    @Test
    void aCancelDuringTheSyncCleansUpAndEndsCancelled() throws Exception {
        MigrationTask task = startedTask(null);
        try (FakeSyncContainer containers = new FakeSyncContainer(store, clock)) {
            bridge.containers(containers);
            LocalExecution.Running execution = execution(task).start();
            awaitSyncing(task, execution, containers, 1);
            new RequestStop(store, clock).cancel(task.id());
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
            assertThat(result.error()).isEqualTo("Migration.Cancelled");
            assertThat(result.statesEntered()).contains("RestoreParameters", "Unlock", "RecordOutcome", "Cancelled");
        }
        assertThat(status(task)).isEqualTo(TaskStatus.CANCELLED);
        assertEverythingPutBack(task);
    }

    @Test
    void aDeadContainerMissesItsHeartbeatAndANewOneResumesTheSameTask() throws Exception {
        MigrationTask task = startedTask(null);
        try (FakeSyncContainer containers = new FakeSyncContainer(store, clock, FakeSyncContainer.Behaviour.STALL)) {
            bridge.containers(containers);
            LocalExecution.Running execution = execution(task).heartbeatOverride("RunSync", 1500).retryOverride("RunSync", 0).start();
            awaitSyncing(task, execution, containers, 2);
            new RequestStop(store, clock).finish(task.id(), false);
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("SUCCEEDED");
            assertThat(result.retries("RunSync")).isEqualTo(1);
            List<FakeSyncContainer.Launch> launches = containers.launches();
            assertThat(launches).extracting(FakeSyncContainer.Launch::taskId).containsExactly(task.id(), task.id());
            assertThat(launches.get(0).token()).as("each attempt has its own token").isNotEqualTo(launches.get(1).token());
            awaitRefusedHeartbeat(containers);
        }
        assertThat(status(task)).isEqualTo(TaskStatus.FINISHED);
        assertEverythingPutBack(task);
    }

    @Test
    void aScheduledTimeInThePastStartsAtOnce() throws Exception {
        MigrationTask task = startedTask(Instant.now().minus(Duration.ofHours(1)));
        assertThat(task.status()).isEqualTo(TaskStatus.VALIDATING);
        LocalExecution.Result result = finishedExecution(task, execution(task));

        assertThat(result.statesEntered()).contains("WaitForScheduledStart");
        assertThat(result.timeIn("WaitForScheduledStart")).isLessThan(Duration.ofSeconds(2));
        assertThat(status(task)).isEqualTo(TaskStatus.FINISHED);
        assertEverythingPutBack(task);
    }

    @Test
    void aScheduledTimeAheadWaitsThenValidatesAgain() throws Exception {
        MigrationTask task = startedTask(Instant.now().plus(Duration.ofHours(1)));
        assertThat(task.status()).isEqualTo(TaskStatus.SCHEDULED);
        LocalExecution.Result result = finishedExecution(task, execution(task).waitOverride("WaitForScheduledStart", 300));

        assertThat(result.timeIn("WaitForScheduledStart")).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(result.statesEntered()).containsSubsequence("WaitForScheduledStart", "Validate", "Lock");
        assertThat(status(task)).isEqualTo(TaskStatus.FINISHED);
        assertEverythingPutBack(task);
    }

    @Test
    void aTransientLambdaErrorInCleanupIsRetried() throws Exception {
        MigrationTask task = startedTask(null);
        bridge.failNextInvocation("RestoreParametersFunctionArn", "Lambda.ServiceException");
        LocalExecution.Result result = finishedExecution(task, execution(task).retryOverride("RestoreParameters", 0));

        assertThat(result.retries("RestoreParameters")).isEqualTo(1);
        assertThat(status(task)).isEqualTo(TaskStatus.FINISHED);
        assertEverythingPutBack(task);
    }

    @Test
    void aCleanupStepThatKeepsFailingStillUnlocksAndFailsTheTaskSayingWhy() throws Exception {
        steps.restoreFails = true;
        MigrationTask task = startedTask(null);
        try (FakeSyncContainer containers = new FakeSyncContainer(store, clock)) {
            bridge.containers(containers);
            LocalExecution.Running execution = execution(task).start();
            awaitSyncing(task, execution, containers, 1);
            new RequestStop(store, clock).finish(task.id(), false);
            LocalExecution.Result result = execution.await(EXECUTION_TIMEOUT);

            assertThat(result.status()).as(result.toString()).isEqualTo("FAILED");
            assertThat(result.error()).isEqualTo("Migration.Failed");
            assertThat(result.cause()).contains("source parameters could not be restored").contains("CONFIG SET was refused");
        }
        MigrationTask failed = store.find(task.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(targetAcl()).as("the target is unlocked all the same").isEqualTo(targetAclBefore);
        assertThat(claims.holder(task.target().endpoint().address())).isEmpty();
        assertThat(failed.parameters()).as("what is needed to restore them later is kept")
                .allSatisfy(p -> assertThat(p.applied()).isTrue())
                .extracting(ParameterSetting::previous).doesNotContainNull();
        assertThat(sourceParameters()).isNotEqualTo(sourceParametersBefore);
    }

    // ---- helpers ----

    /** A validated task between the test's servers, start pressed (SCHEDULED or VALIDATING). */
    private MigrationTask startedTask(Instant scheduledStart) {
        MigrationTask created = store.create(MigrationTask.create("orders",
                SourceSpec.of(RedisEndpoint.of(source.host(), source.port())),
                TargetSpec.of(RedisEndpoint.of(target.host(), target.port())), scheduledStart,
                List.of(ParameterSetting.requested("repl-backlog-size", "256mb"), ParameterSetting.requested("repl-timeout", "600")),
                clock.instant()));
        store.update(created.moveTo(TaskStatus.VALIDATED, clock.instant()));
        return new StartTask(store, task -> null, clock).press(created.id());
    }

    private LocalExecution execution(MigrationTask task) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("taskId", task.id());
        if (task.scheduledStart() != null) {
            input.put("scheduledStart", task.scheduledStart().toString());
        }
        return LocalExecution.of(node, bridge).input(input).executionName("mig-" + task.id())
                .retryOverride("Validate", 0).retryOverride("Lock", 0).retryOverride("SetParameters", 0)
                .retryOverride("Unlock", 0).retryOverride("RecordOutcome", 0);
    }

    /** Runs the execution with a syncing container and finishes it once syncing; expects success. */
    private LocalExecution.Result finishedExecution(MigrationTask task, LocalExecution execution) throws Exception {
        try (FakeSyncContainer containers = new FakeSyncContainer(store, clock)) {
            bridge.containers(containers);
            LocalExecution.Running running = execution.start();
            awaitSyncing(task, running, containers, 1);
            new RequestStop(store, clock).finish(task.id(), false);
            LocalExecution.Result result = running.await(EXECUTION_TIMEOUT);
            assertThat(result.status()).as("%s %s: %s", result.error(), result.cause(), result.events()).isEqualTo("SUCCEEDED");
            return result;
        }
    }

    /** Until the {@code launches}-th container runs and the task is syncing with progress; fails at once if the execution ended. */
    private void awaitSyncing(MigrationTask task, LocalExecution.Running execution, FakeSyncContainer containers, int launches)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (containers.launches().size() < launches || status(task) != TaskStatus.SYNCING
                || store.find(task.id()).orElseThrow().progress() == null) {
            if (execution.isDone()) {
                LocalExecution.Result result = execution.await(Duration.ZERO);
                throw new AssertionError("the execution ended before the sync ran: " + result.error() + " " + result.cause()
                        + "\n" + result.events());
            }
            assertThat(Instant.now()).as("task %s never synced (launches: %s)", task.id(), containers.launches()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitRefusedHeartbeat(FakeSyncContainer containers) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (containers.refusedHeartbeats() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(containers.refusedHeartbeats()).as("the stalled container learns its token expired").isEqualTo(1);
    }

    private TaskStatus status(MigrationTask task) {
        return store.find(task.id()).orElseThrow().status();
    }

    private void assertEverythingPutBack(MigrationTask task) {
        assertThat(sourceParameters()).as("source parameters").isEqualTo(sourceParametersBefore);
        assertThat(targetAcl()).as("target ACL").isEqualTo(targetAclBefore);
        assertThat(appCanWrite()).isTrue();
        assertThat(claims.holder(task.target().endpoint().address())).isNotEqualTo(java.util.Optional.of(task.id()));
    }

    private Map<String, String> sourceParameters() {
        try (Jedis jedis = source.client()) {
            Map<String, String> values = new LinkedHashMap<>();
            MIGRATION_PARAMETERS.forEach(name -> values.put(name, jedis.configGet(name).get(name)));
            return values;
        }
    }

    private List<String> targetAcl() {
        try (Jedis jedis = target.client()) {
            return jedis.aclList();
        }
    }

    private boolean appCanWrite() {
        try (Jedis app = target.client()) {
            app.auth("app", "app-pass");
            app.set("probe", "1");
            app.del("probe");
            return true;
        } catch (redis.clients.jedis.exceptions.JedisDataException noPermission) {
            return false;
        }
    }
}
