package dev.redismigrate.aws.execution;

import dev.redismigrate.aws.store.SyncTokens;
import java.util.Map;

/**
 * What the start-sync step passes to the sync container, as environment overrides of the container: the task and the
 * run, nothing secret (the overrides are readable through ecs:DescribeTasks). The container fetches its task token
 * from {@link SyncTokens} with these two.
 */
public record SyncContainerEnvironment(String taskId, String runId) {
    public static final String TASK_ID = "REDIS_MIGRATE_TASK_ID";
    public static final String RUN_ID = "REDIS_MIGRATE_SYNC_RUN";

    public static SyncContainerEnvironment from(Map<String, String> env) {
        String taskId = env.get(TASK_ID);
        String runId = env.get(RUN_ID);
        if (taskId == null || taskId.isBlank() || runId == null || runId.isBlank()) {
            throw new IllegalArgumentException(TASK_ID + " and " + RUN_ID + " must be set (the start-sync step sets them)");
        }
        return new SyncContainerEnvironment(taskId, runId);
    }
}
