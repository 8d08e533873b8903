package dev.redismigrate.aws.execution;

/** Starts a sync container for one run of a task (an ECS task in the cloud). */
public interface SyncLauncher {
    /**
     * Asks every earlier container of the task to stop (a new run supersedes them all: one container per task at a
     * time), then starts the container and returns once it is requested, as ECS RunTask does; the container is told the
     * task id and the run id, nothing secret. Throws {@link SyncLaunchException} when it cannot be started.
     */
    void launch(String taskId, String runId);
}
