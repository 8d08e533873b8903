package dev.redismigrate.aws.execution;

import dev.redismigrate.core.task.SyncShard;

/** Starts a sync container for one run of one of a task's syncs (an ECS task in the cloud). */
public interface SyncLauncher {
    /**
     * Asks every earlier container of the same sync to stop (a new run supersedes them all: one container per sync at a
     * time; the task's other shards keep theirs), then starts the container and returns once it is requested, as ECS
     * RunTask does; the container is told the task id, the shard and the run id, nothing secret. Throws
     * {@link SyncLaunchException} when it cannot be started.
     */
    void launch(String taskId, SyncShard shard, String runId);
}
