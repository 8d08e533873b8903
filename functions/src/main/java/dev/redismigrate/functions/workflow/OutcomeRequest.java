package dev.redismigrate.functions.workflow;

/** The payload of RecordOutcome: the task and {@code $.run}. */
public record OutcomeRequest(String taskId, RunRecord run) {
}
