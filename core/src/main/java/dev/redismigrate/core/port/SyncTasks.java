package dev.redismigrate.core.port;

/** The sync containers of a task's execution (ECS tasks started by the state machine's RunSync state). */
public interface SyncTasks {
    /**
     * Stops every running container started for the execution {@code executionName} ({@code startedBy}); returns how
     * many were asked to stop. Stopping none is fine.
     */
    int stop(String executionName, String reason);
}
