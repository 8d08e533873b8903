package dev.redismigrate.cli;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.StepFunctionsExecutions;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the deployed stack is, for {@code redis-migrate task ...}: each option falls back to the environment variable
 * the functions read (the stack's outputs name the values). Credentials come from the SDK's usual chain
 * ({@code AWS_PROFILE}, {@code --profile}, environment, instance role).
 */
public final class CloudOptions {
    static final String CREATE_FUNCTION_ENV = "REDIS_MIGRATE_CREATE_FUNCTION_ARN";
    static final String UNLOCK_FUNCTION_ENV = "REDIS_MIGRATE_UNLOCK_FUNCTION_ARN";
    static final String EDIT_FUNCTION_ENV = "REDIS_MIGRATE_EDIT_FUNCTION_ARN";

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region of the stack (default: AWS_REGION).")
    private String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile to use (default: AWS_PROFILE or default).")
    private String profile;

    @Option(names = "--table", paramLabel = "NAME",
            description = "The task table, output TaskTableName (default: REDIS_MIGRATE_TABLE).")
    private String table;

    @Option(names = "--create-function", paramLabel = "ARN",
            description = "The create-task function, output CreateTaskFunctionArn (default: " + CREATE_FUNCTION_ENV + "); for task create.")
    private String createFunction;

    @Option(names = {"--unlock-function-arn", "--unlock-function"}, paramLabel = "ARN",
            description = "The unlock-target function, output UnlockTargetFunctionArn (default: " + UNLOCK_FUNCTION_ENV
                    + "); for task unlock.")
    private String unlockFunction;

    @Option(names = "--edit-function", paramLabel = "ARN",
            description = "The edit-task function, output EditTaskFunctionArn (default: " + EDIT_FUNCTION_ENV + "); for task edit.")
    private String editFunction;

    @Option(names = "--state-machine-arn", paramLabel = "ARN",
            description = "The state machine, output StateMachineArn (default: REDIS_MIGRATE_STATE_MACHINE_ARN); needed to start and stop.")
    private String stateMachineArn;

    @Option(names = "--schedule-group", paramLabel = "NAME",
            description = "Output ScheduleGroupName (default: REDIS_MIGRATE_SCHEDULE_GROUP); for starts more than a week ahead.")
    private String scheduleGroup;

    @Option(names = "--scheduler-role-arn", paramLabel = "ARN",
            description = "Output SchedulerRoleArn (default: REDIS_MIGRATE_SCHEDULER_ROLE_ARN); for starts more than a week ahead.")
    private String schedulerRoleArn;

    /** The process environment with every option given put over its variable: what {@link CloudServices} reads. */
    Map<String, String> environment(Map<String, String> processEnvironment) {
        Map<String, String> env = new HashMap<>(processEnvironment);
        put(env, "AWS_REGION", region);
        put(env, CloudServices.TABLE_ENV, table);
        put(env, StepFunctionsExecutions.STATE_MACHINE_ENV, stateMachineArn);
        put(env, StepFunctionsExecutions.SCHEDULE_GROUP_ENV, scheduleGroup);
        put(env, StepFunctionsExecutions.SCHEDULER_ROLE_ENV, schedulerRoleArn);
        return env;
    }

    /** The environment for the task table's users: fails in one line when no table is named. */
    public static Map<String, String> requireTable(Map<String, String> env) {
        if (env.get(CloudServices.TABLE_ENV) == null || env.get(CloudServices.TABLE_ENV).isBlank()) {
            throw new IllegalArgumentException("which task table? give --table (the stack output TaskTableName) or set "
                    + CloudServices.TABLE_ENV);
        }
        return env;
    }

    /** The environment for stopping executions (cancel): fails in one line, before anything changes, without the state machine. */
    public static Map<String, String> requireStateMachine(Map<String, String> env) {
        String arn = env.get(StepFunctionsExecutions.STATE_MACHINE_ENV);
        if (arn == null || arn.isBlank()) {
            throw new IllegalArgumentException("which state machine? give --state-machine-arn (the stack output"
                    + " StateMachineArn) or set " + StepFunctionsExecutions.STATE_MACHINE_ENV + ": a task that has not"
                    + " started yet is cancelled by stopping its execution");
        }
        return env;
    }

    /**
     * What {@link CloudServices} reads: the process environment with the options put over it; a named profile goes to
     * the SDK's credential and region chains.
     */
    public Map<String, String> environment() {
        if (profile != null) {
            System.setProperty("aws.profile", profile);
        }
        return environment(System.getenv());
    }

    /** The create-task function's ARN or name, from the option or the environment. */
    public String createFunction() {
        return function(createFunction, CREATE_FUNCTION_ENV, "create-task", "--create-function", "CreateTaskFunctionArn");
    }

    /** The edit-task function's ARN or name, from the option or the environment. */
    public String editFunction() {
        return function(editFunction, EDIT_FUNCTION_ENV, "edit-task", "--edit-function", "EditTaskFunctionArn");
    }

    /** The unlock-target function's ARN or name, from the option or the environment. */
    String unlockFunction() {
        return function(unlockFunction, UNLOCK_FUNCTION_ENV, "unlock-target", "--unlock-function-arn",
                "UnlockTargetFunctionArn");
    }

    private static String function(String given, String env, String label, String option, String output) {
        String function = given != null ? given : System.getenv(env);
        if (function == null || function.isBlank()) {
            throw new IllegalArgumentException("which " + label + " function? give " + option + " (the stack output "
                    + output + ") or set " + env);
        }
        return function;
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }
}
