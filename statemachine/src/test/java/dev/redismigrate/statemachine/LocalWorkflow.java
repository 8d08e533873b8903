package dev.redismigrate.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.port.Executions;
import dev.redismigrate.core.port.SyncTasks;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.functions.LockTargetHandler;
import dev.redismigrate.functions.RecordOutcomeHandler;
import dev.redismigrate.functions.RestoreParametersHandler;
import dev.redismigrate.functions.SetParametersHandler;
import dev.redismigrate.functions.StartSyncHandler;
import dev.redismigrate.functions.UnlockTargetHandler;
import dev.redismigrate.functions.ValidateHandler;
import dev.redismigrate.testkit.NodeTools;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the workflow ITs share: the real {@code migration.asl.json} run by aws-local-stepfunctions, each Lambda step
 * answered by the real handler over one {@link CloudServices} (through a {@link LambdaBridge}), and the waits a test
 * needs while an execution runs.
 */
final class LocalWorkflow implements AutoCloseable {
    static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(90);
    /** The state machine's steps never stop sync containers; only the janitor does. */
    static final SyncTasks NO_SYNC_TASKS = (executionName, reason) -> {
        throw new AssertionError("only the janitor stops sync containers");
    };

    /** Something a test checks or does while the sync runs, before the task is finished. */
    @FunctionalInterface
    interface WhileSyncing {
        void run() throws Exception;
    }

    private final CloudServices services;
    private final NodeTools node;
    private final LambdaBridge bridge;
    private final InMemorySyncTokens tokens = new InMemorySyncTokens();

    private LocalWorkflow(CloudServices services, NodeTools node, LambdaBridge bridge) {
        this.services = services;
        this.node = node;
        this.bridge = bridge;
    }

    /** The bridge with every Lambda step of the state machine registered to its real handler. */
    static LocalWorkflow start(CloudServices services) throws IOException {
        NodeTools node = NodeTools.require("aws-local-stepfunctions");
        LambdaBridge bridge = LambdaBridge.start();
        bridge.register("ValidateFunctionArn", new ValidateHandler(services))
                .register("LockFunctionArn", new LockTargetHandler(services))
                .register("SetParametersFunctionArn", new SetParametersHandler(services))
                .register("RestoreParametersFunctionArn", new RestoreParametersHandler(services))
                .register("UnlockFunctionArn", new UnlockTargetHandler(services))
                .register("RecordOutcomeFunctionArn", new RecordOutcomeHandler(services));
        return new LocalWorkflow(services, node, bridge);
    }

    LambdaBridge bridge() {
        return bridge;
    }

    /** Sync containers the start-sync step launches, with the tokens it stores. */
    InProcessSyncContainers containers(InProcessSyncContainers.Behaviour... script) {
        InProcessSyncContainers containers = new InProcessSyncContainers(services, tokens, bridge::stepFunctionsEndpoint, script);
        bridge.register("StartSyncFunctionArn", new StartSyncHandler(tokens, containers));
        return containers;
    }

    /**
     * The task stored as validated and its start pressed (SCHEDULED, or VALIDATING when it starts now): the state
     * machine's Validate step then validates it for real.
     */
    MigrationTask started(MigrationTask task) {
        TaskStore store = services.store();
        MigrationTask created = store.create(task);
        store.update(created.moveTo(TaskStatus.VALIDATED, services.clock().instant()));
        return new StartTask(store, unvalidated -> null, services.clock()).press(created.id());
    }

    /** An execution of the task named as the product names its first run, with the retries of the Lambda steps made quick. */
    LocalExecution execution(MigrationTask task) {
        return execution(task, "mig-" + task.id());
    }

    /** The same, under another run's name ({@code mig-<id>-2} for a resumed task). */
    LocalExecution execution(MigrationTask task, String executionName) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("taskId", task.id());
        if (task.scheduledStart() != null) {
            input.put("scheduledStart", task.scheduledStart().toString());
        }
        return LocalExecution.of(node, bridge).input(input).executionName(executionName)
                .retryOverride("Validate", 0).retryOverride("Lock", 0).retryOverride("SetParameters", 0)
                .retryOverride("Unlock", 0).retryOverride("RecordOutcome", 0);
    }

    /** {@link #finishWhileSyncing}, expecting the execution to succeed. */
    LocalExecution.Result finishedExecution(MigrationTask task, LocalExecution execution, WhileSyncing whileSyncing)
            throws Exception {
        LocalExecution.Result result = finishWhileSyncing(task, execution, whileSyncing);
        assertThat(result.status()).as("%s %s: %s", result.error(), result.cause(), result.events()).isEqualTo("SUCCEEDED");
        return result;
    }

    /**
     * Runs the execution with syncing containers, does {@code whileSyncing} once the task syncs, then finishes the
     * task and waits for the execution to end, however it ends.
     */
    LocalExecution.Result finishWhileSyncing(MigrationTask task, LocalExecution execution, WhileSyncing whileSyncing)
            throws Exception {
        try (InProcessSyncContainers containers = containers()) {
            LocalExecution.Running running = execution.start();
            awaitSyncing(task, running, containers, 1);
            whileSyncing.run();
            services.requestStop().finish(task.id(), false);
            return running.await(EXECUTION_TIMEOUT);
        }
    }

    /** Until the {@code launches}-th container runs and the task is syncing with progress; fails at once if the execution ended. */
    void awaitSyncing(MigrationTask task, LocalExecution.Running execution, InProcessSyncContainers containers, int launches)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (containers.launches().size() < launches || status(task) != TaskStatus.SYNCING
                || stored(task).progress() == null) {
            if (execution.isDone()) {
                LocalExecution.Result result = execution.await(Duration.ZERO);
                throw new AssertionError("the execution ended before the sync ran: " + result.error() + " " + result.cause()
                        + "\n" + result.events());
            }
            assertThat(Instant.now()).as("task %s never synced (launches: %s)", task.id(), containers.launches()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    MigrationTask stored(MigrationTask task) {
        return services.store().find(task.id()).orElseThrow();
    }

    TaskStatus status(MigrationTask task) {
        return stored(task).status();
    }

    @Override
    public void close() {
        bridge.close();
    }

    /** Starting, stopping and janitoring executions happen outside the state machine; its steps never call them. */
    static class NotInTheStateMachine implements Executions {
        @Override
        public void start(String name, String taskId, Instant waitUntil) {
            throw new AssertionError("a step started an execution");
        }

        @Override
        public void schedule(String name, String taskId, Instant at) {
            throw new AssertionError("a step scheduled an execution");
        }

        @Override
        public void stop(String name, String cause) {
            throw new AssertionError("a step stopped an execution");
        }
    }
}
