package dev.redismigrate.functions.workflow;

import dev.redismigrate.core.task.SyncShard;

/**
 * The payload of one RunSync Map iteration: which task, which of its syncs ({@link SyncShard#WHOLE} when absent), and
 * the token its {@code .waitForTaskToken} integration waits on.
 */
public record StartSyncRequest(String taskId, SyncShard shard, String taskToken) {
    public StartSyncRequest {
        shard = shard == null ? SyncShard.WHOLE : shard;
    }

    @Override
    public String toString() {
        return "StartSyncRequest[taskId=" + taskId + ", shard=" + shard + ", taskToken=***]";
    }
}
