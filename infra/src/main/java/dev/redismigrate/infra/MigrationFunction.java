package dev.redismigrate.infra;

import static dev.redismigrate.infra.FunctionPermission.CLOUD_LOOKUPS;
import static dev.redismigrate.infra.FunctionPermission.LOCK_MANAGED_TARGETS;
import static dev.redismigrate.infra.FunctionPermission.REDIS;
import static dev.redismigrate.infra.FunctionPermission.RUN_SYNC_TASKS;
import static dev.redismigrate.infra.FunctionPermission.START_EXECUTIONS;
import static dev.redismigrate.infra.FunctionPermission.STOP_EXECUTIONS;
import static dev.redismigrate.infra.FunctionPermission.STOP_SYNC_TASKS;
import static dev.redismigrate.infra.FunctionPermission.TASK_TABLE;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The Lambda functions of the AWS shape, in one table: the handler class in module {@code functions}, the
 * {@code ${...}} key of {@code statemachine/migration.asl.json} that receives the function's ARN (none for the
 * functions that people and events call, not the state machine), what the function may do, and its limits.
 * Renaming a handler or a key is a change here only.
 */
public enum MigrationFunction {
    /** Called by the CLI (or a person in the Lambda console): stores and validates a new task, then starts it. */
    CREATE_TASK("CreateTask", "CreateTaskHandler", null, 120,
            EnumSet.of(TASK_TABLE, REDIS, CLOUD_LOOKUPS, START_EXECUTIONS)),
    /**
     * Called by the CLI: edits a task that has not started, withdraws its waiting execution or schedule, and validates
     * it again from inside the VPC.
     */
    EDIT_TASK("EditTask", "EditTaskHandler", null, 120,
            EnumSet.of(TASK_TABLE, REDIS, CLOUD_LOOKUPS, STOP_EXECUTIONS)),
    VALIDATE("Validate", "ValidateHandler", "ValidateFunctionArn", 120,
            EnumSet.of(TASK_TABLE, REDIS, CLOUD_LOOKUPS)),
    /**
     * Up to Lambda's 15 minutes: an ElastiCache lock (user group, security groups) waits until users, user group and
     * replication group are active again, which the service documents as taking minutes.
     */
    LOCK_TARGET("LockTarget", "LockTargetHandler", "LockFunctionArn", 900,
            EnumSet.of(TASK_TABLE, REDIS, LOCK_MANAGED_TARGETS)),
    SET_PARAMETERS("SetParameters", "SetParametersHandler", "SetParametersFunctionArn", 60,
            EnumSet.of(TASK_TABLE, REDIS)),
    RESTORE_PARAMETERS("RestoreParameters", "RestoreParametersHandler", "RestoreParametersFunctionArn", 60,
            EnumSet.of(TASK_TABLE, REDIS)),
    /** As long as the lock: undoing an ElastiCache lock waits for the same modifications. */
    UNLOCK_TARGET("UnlockTarget", "UnlockTargetHandler", "UnlockFunctionArn", 900,
            EnumSet.of(TASK_TABLE, REDIS, LOCK_MANAGED_TARGETS)),
    /**
     * Each iteration of the RunSync Map (one of the task's syncs): keeps the iteration's task token for a new run,
     * stops that sync's earlier containers and starts the new one (ECS RunTask, tried again for about 30 s while ECS lacks capacity, then the new task watched for
     * up to about 50 s in case it stops at once).
     */
    START_SYNC("StartSync", "StartSyncHandler", "StartSyncFunctionArn", 150,
            EnumSet.of(TASK_TABLE, RUN_SYNC_TASKS, STOP_SYNC_TASKS)),
    RECORD_OUTCOME("RecordOutcome", "RecordOutcomeHandler", "RecordOutcomeFunctionArn", 30,
            EnumSet.of(TASK_TABLE)),
    /** Finish or cancel requested by a person (console, CLI). */
    SIGNAL("Signal", "SignalHandler", null, 30,
            EnumSet.of(TASK_TABLE, STOP_EXECUTIONS)),
    /** Cleans up after an execution that ended ABORTED, TIMED_OUT or FAILED (EventBridge rule). */
    JANITOR("Janitor", "JanitorHandler", null, 900,
            EnumSet.of(TASK_TABLE, REDIS, LOCK_MANAGED_TARGETS, STOP_SYNC_TASKS));

    static final String HANDLER_PACKAGE = "dev.redismigrate.functions";

    private final String logicalName;
    private final String handlerClass;
    private final String substitutionKey;
    private final int timeoutSeconds;
    private final Set<FunctionPermission> permissions;

    MigrationFunction(String logicalName, String handlerClass, String substitutionKey, int timeoutSeconds,
                      Set<FunctionPermission> permissions) {
        this.logicalName = logicalName;
        this.handlerClass = handlerClass;
        this.substitutionKey = substitutionKey;
        this.timeoutSeconds = timeoutSeconds;
        this.permissions = permissions;
    }

    /** The construct id, and the name people see in the console (with the stack's prefix). */
    public String logicalName() {
        return logicalName;
    }

    /** The Lambda handler string: {@code dev.redismigrate.functions.<Name>Handler::handleRequest}. */
    public String handler() {
        return HANDLER_PACKAGE + "." + handlerClass + "::handleRequest";
    }

    /** The definition substitution key the function's ARN fills; empty for functions outside the state machine. */
    public Optional<String> substitutionKey() {
        return Optional.ofNullable(substitutionKey);
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public boolean may(FunctionPermission permission) {
        return permissions.contains(permission);
    }
}
