package dev.redismigrate.functions.workflow;

import java.util.Map;

/**
 * What the state machine's RunSync state passes to the sync container, as environment overrides of the container
 * (the names match {@code statemachine/migration.asl.json}).
 */
public record SyncContainerEnvironment(String taskId, String taskToken) {
    public static final String TASK_ID = "REDIS_MIGRATE_TASK_ID";
    public static final String TASK_TOKEN = "REDIS_MIGRATE_TASK_TOKEN";

    public static SyncContainerEnvironment from(Map<String, String> env) {
        String taskId = env.get(TASK_ID);
        String token = env.get(TASK_TOKEN);
        if (taskId == null || taskId.isBlank() || token == null || token.isBlank()) {
            throw new IllegalArgumentException(TASK_ID + " and " + TASK_TOKEN + " must be set (the state machine sets them)");
        }
        return new SyncContainerEnvironment(taskId, token);
    }

    @Override
    public String toString() {
        return "SyncContainerEnvironment[taskId=" + taskId + ", taskToken=***]";
    }
}
