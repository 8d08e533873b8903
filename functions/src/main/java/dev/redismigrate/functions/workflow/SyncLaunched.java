package dev.redismigrate.functions.workflow;

/** What the start-sync step did: the run it launched a container for (the state itself waits for the token). */
public record SyncLaunched(String taskId, String runId) {
}
