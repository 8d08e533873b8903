package dev.redismigrate.core.port;

/** The sync containers of a task (ECS tasks started by the state machine's RunSync state, one per sync). */
public interface SyncTasks {
    /**
     * Stops every running container started by {@code startedBy} (one sync's containers:
     * {@code ExecutionName.startedBy}); returns how many were asked to stop. Stopping none is fine.
     */
    int stop(String startedBy, String reason);
}
