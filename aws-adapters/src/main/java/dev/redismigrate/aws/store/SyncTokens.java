package dev.redismigrate.aws.store;

import java.util.Optional;

/**
 * Where the task token of a task's RunSync state waits for the sync container it was issued to. The token never
 * travels in the container's environment (readable by anyone allowed ecs:DescribeTasks): the container is told only
 * its task id and the id of its run, and fetches the token with its own role.
 */
public interface SyncTokens {
    /** Keeps {@code token} for the run {@code runId} of the task, replacing the token of any earlier run. */
    void store(String taskId, String runId, String token);

    /** The token of this run; empty when a later run of the task replaced it (this container was superseded). */
    Optional<String> token(String taskId, String runId);
}
