package dev.redismigrate.core.port;

import java.time.Instant;

/** Starting and stopping a task's execution of the state machine: Step Functions, and EventBridge Scheduler for far starts. */
public interface Executions {
    /**
     * Starts the execution {@code name} of the task; it waits in its first state until {@code waitUntil} (null: goes on at
     * once). Starting again with the same name and input is harmless: Step Functions returns the running execution.
     */
    void start(String name, String taskId, Instant waitUntil);

    /** A one-time schedule {@code name} that starts the execution {@code name} at {@code at}; creating it again is harmless. */
    void schedule(String name, String taskId, Instant at);

    /** Stops the execution {@code name} if it runs and deletes the schedule of that name if there is one; idempotent. */
    void stop(String name, String cause);
}
