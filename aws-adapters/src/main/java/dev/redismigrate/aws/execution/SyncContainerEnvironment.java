package dev.redismigrate.aws.execution;

import dev.redismigrate.aws.store.SyncTokens;
import dev.redismigrate.core.task.SyncShard;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the start-sync step passes to the sync container, as environment overrides of the container: the task, the
 * shard of a cluster source it syncs (left out for the whole source) and the run, nothing secret (the overrides are
 * readable through ecs:DescribeTasks). The container fetches its task token from {@link SyncTokens} with the shard's
 * sync key ({@link SyncShard#syncKey}) and the run id.
 */
public record SyncContainerEnvironment(String taskId, SyncShard shard, String runId) {
    public static final String TASK_ID = "REDIS_MIGRATE_TASK_ID";
    public static final String RUN_ID = "REDIS_MIGRATE_SYNC_RUN";
    /** The shard's id (its first slot range); absent for the whole source. */
    public static final String SHARD_ID = "REDIS_MIGRATE_SHARD";
    /** The shard's primary ({@code host:port}) and slot ranges at validation, for the logs and for a check. */
    public static final String SHARD_NODE = "REDIS_MIGRATE_SHARD_NODE";
    public static final String SHARD_SLOTS = "REDIS_MIGRATE_SHARD_SLOTS";

    public static SyncContainerEnvironment from(Map<String, String> env) {
        String taskId = env.get(TASK_ID);
        String runId = env.get(RUN_ID);
        if (taskId == null || taskId.isBlank() || runId == null || runId.isBlank()) {
            throw new IllegalArgumentException(TASK_ID + " and " + RUN_ID + " must be set (the start-sync step sets them)");
        }
        String shardId = env.get(SHARD_ID);
        SyncShard shard = shardId == null || shardId.isBlank() ? SyncShard.WHOLE
                : new SyncShard(shardId, env.get(SHARD_NODE), env.get(SHARD_SLOTS));
        return new SyncContainerEnvironment(taskId, shard, runId);
    }

    /** The variables, in the order the container's overrides list them. */
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(TASK_ID, taskId);
        variables.put(RUN_ID, runId);
        if (!shard.whole()) {
            variables.put(SHARD_ID, shard.id());
            variables.put(SHARD_NODE, shard.node());
            variables.put(SHARD_SLOTS, shard.slots());
        }
        return variables;
    }

    /** The name of the sync among the task's: its token and lease are kept under it. */
    public String syncKey() {
        return shard.syncKey(taskId);
    }
}
